import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MediaJob } from '../../../main/contract/types';
import { makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { open } from './services';
import { runCliCaptured } from '../../helpers/cli';

const cli = (...argv: string[]) => runCliCaptured(argv);

describe('lectern media build --only', () => {
  const tmp = tempDir('lectern-media-cli-');
  const dataDir = path.join(tmp.dir, 'data dir ü');
  afterAll(async () => {
    // runCli's log file closes asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 300));
    tmp.cleanup();
  });

  it('builds only the named outputs, and names an unknown one', async () => {
    const s = open(dataDir);
    const course = s.drafts.createCourse('CLI course');
    const lectureId = s.drafts.createLecture(s.drafts.createSection(course.id, 'S').id, 'L').id;
    await s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'clip.mp4'), { durationSec: 2 }));
    await s.close();

    const built = await cli('--data-dir', dataDir, '--json', 'media', 'build', lectureId, '--only', 'poster, storyboard', '--wait');
    expect(built.code).toBe(0);
    expect((JSON.parse(built.stdout) as MediaJob[]).map((j) => [j.kind, j.status])).toEqual([
      ['poster', 'done'],
      ['storyboard', 'done'],
    ]);

    const bad = await cli('--data-dir', dataDir, 'media', 'build', lectureId, '--only', 'poster,thumbnail');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('unknown output "thumbnail"; choose from poster, storyboard, ladder, preview.');
  }, 30_000);
});
