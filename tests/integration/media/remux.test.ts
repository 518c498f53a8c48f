import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FFMPEG, ffprobeJson, makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

/**
 * What recording finalisation asks of ffmpeg, on whichever binary the suite runs (system or shipped): a
 * MediaRecorder-style WebM (VP8/Opus, written live, so no duration in its header) remuxed without
 * re-encoding, and a thumbnail grabbed from it.
 */
describe('recording finalisation commands', () => {
  const tmp = tempDir('lectern-remux-');
  afterAll(() => tmp.cleanup());

  it('remuxes a live WebM with -c copy into a file with a duration, and grabs a thumbnail', () => {
    const rec = makeVideo(path.join(tmp.dir, 'take.webm'), { width: 640, height: 360, durationSec: 3, codec: 'libvpx', extra: ['-c:a', 'libopus', '-live', '1', '-f', 'webm'] });
    const out = path.join(tmp.dir, 'final.webm');
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', rec, '-c', 'copy', out]);
    const probe = ffprobeJson(out) as { format: { duration?: string }; streams: { codec_name: string }[] };
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['opus', 'vp8']);
    expect(Number(probe.format.duration)).toBeGreaterThan(2.5);
    const thumb = path.join(tmp.dir, 'thumb.jpg');
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-ss', '1', '-i', out, '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '3', '-update', '1', thumb]);
    expect(ffprobeJson(thumb, ['-show_streams'])).toMatchObject({ streams: [{ codec_name: 'mjpeg', width: 320, height: 180 }] });
    expect(fs.statSync(thumb).size).toBeGreaterThan(1000);
  });
});
