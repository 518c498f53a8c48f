import type { PlayerLecture } from '../../../main/contract/domains/playback';
import { HlsPlayer } from './HlsPlayer';

export type { PlayerLecture } from '../../../main/contract/domains/playback';

export interface LecturePlayerProps {
  lecture: PlayerLecture;
  next?: PlayerLecture | null;
  onNext?(): void;
  onClose?(): void;
}

/** Where the offline media route serves a completed download's master playlist. */
export const masterUrl = (downloadId: string) => `/media/${encodeURIComponent(downloadId)}/master.m3u8`;

/** The student's player for one downloaded lecture (progress, resume and next-up land next). */
export function LecturePlayer({ lecture }: LecturePlayerProps) {
  return (
    <section className="lecture-player" aria-label={`Lecture: ${lecture.title}`}>
      <h2 className="lecture-player-title">{lecture.title}</h2>
      <HlsPlayer
        key={lecture.downloadId}
        src={masterUrl(lecture.downloadId)}
        title={lecture.title}
        autoPlay
        storyboardUrl={lecture.storyboardVttUrl ?? undefined}
        captions={lecture.captionsUrl ? [{ src: lecture.captionsUrl, label: 'Captions', lang: 'en' }] : undefined}
      />
    </section>
  );
}
