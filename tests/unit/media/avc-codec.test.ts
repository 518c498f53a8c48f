import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { avcCodecOfSegment, avcCodecOfTs } from '../../../main/services/media/avc-codec';
import { FFMPEG } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

/** A short MPEG-TS segment as the ladder writes them (H.264 + AAC), encoded with the given profile and level. */
function segment(file: string, profile: string, level: string): string {
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=1',
    '-f', 'lavfi', '-i', 'sine=duration=1',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-profile:v', profile, '-level', level,
    '-c:a', 'aac', '-f', 'mpegts', file,
  ]);
  return file;
}

describe('avcCodecOfSegment', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('reads profile, constraints and level from the SPS (RFC 6381)', async () => {
    expect(await avcCodecOfSegment(segment(path.join(tmp.dir, 'high.ts'), 'high', '4.0'))).toBe('avc1.640028');
    expect(await avcCodecOfSegment(segment(path.join(tmp.dir, 'main.ts'), 'main', '3.1'))).toBe('avc1.4d401f');
  });

  it('names the file when it holds no H.264 stream', async () => {
    const text = path.join(tmp.dir, 'not-video.ts');
    fs.writeFileSync(text, 'hello, this is not MPEG-TS');
    await expect(avcCodecOfSegment(text)).rejects.toThrow(`cannot tell the H.264 profile/level of ${text}`);
    expect(avcCodecOfTs(Buffer.alloc(188 * 4, 0xff))).toBeNull();
  });
});
