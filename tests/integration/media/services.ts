import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import type { MediaServiceOptions } from '../../../main/services/media/media-service';
import type { EventSink } from '../../../main/contract/events';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { ffmpegPaths } from '../../helpers/media';

/** App services on a data folder with the system ffmpeg, plus one lecture to attach media to. */
export function openWithLecture(dataDir: string, opts: { emit?: EventSink; media?: Omit<MediaServiceOptions, 'dataDir'> } = {}): { s: AppServices; lectureId: string } {
  const s = open(dataDir, opts);
  const course = s.drafts.createCourse('Media course');
  const section = s.drafts.createSection(course.id, 'Section');
  return { s, lectureId: s.drafts.createLecture(section.id, 'Lecture').id };
}

export function open(dataDir: string, opts: { emit?: EventSink; media?: Omit<MediaServiceOptions, 'dataDir'> } = {}): AppServices {
  return openAppServices({
    dataDir,
    version: '0.0.0-test',
    log: createMemoryLogger(),
    secrets: createMemorySecretStore(),
    ...(opts.emit ? { emit: opts.emit } : {}),
    media: { ffmpeg: ffmpegPaths, ...opts.media },
  });
}
