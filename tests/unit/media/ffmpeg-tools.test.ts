import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectFfmpeg, resolveFfmpegPaths } from '../../../main/services/media/ffmpeg-tools';
import { ffmpegPaths } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

describe('ffmpeg discovery', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('prefers options, then LECTERN_FFMPEG / LECTERN_FFPROBE, then the system binaries', () => {
    expect(resolveFfmpegPaths({ ffmpeg: '/opt/a' }, { LECTERN_FFMPEG: '/env/ffmpeg' }).ffmpeg).toBe('/opt/a');
    expect(resolveFfmpegPaths({}, { LECTERN_FFMPEG: '/env/ffmpeg', LECTERN_FFPROBE: '/env/ffprobe' })).toEqual({ ffmpeg: '/env/ffmpeg', ffprobe: '/env/ffprobe' });
    if (fs.existsSync('/usr/bin/ffmpeg')) expect(resolveFfmpegPaths({}, {}).ffmpeg).toBe('/usr/bin/ffmpeg');
  });

  it('reports the version and nothing missing for the system ffmpeg', async () => {
    const r = await inspectFfmpeg(ffmpegPaths);
    expect(r.version).toMatch(/^ffmpeg version /);
    expect(r.missing).toEqual([]);
    expect(r.problem).toBeNull();
  });

  it('names what a stripped-down ffmpeg lacks', async () => {
    const fake = path.join(tmp.dir, 'ffmpeg');
    fs.writeFileSync(fake, '#!/bin/sh\ncase "$*" in *-version*) echo "ffmpeg version 0.0-fake";; *-encoders*) echo " V..... mpeg4 MPEG-4";; *) echo " E mp4 MP4";; esac\n', { mode: 0o755 });
    const r = await inspectFfmpeg({ ffmpeg: fake, ffprobe: ffmpegPaths.ffprobe });
    expect(r.missing).toEqual(['libx264 encoder', 'aac encoder', 'hls muxer']);
    expect(r.problem).toContain(`${fake} (ffmpeg version 0.0-fake) lacks libx264 encoder, aac encoder, hls muxer`);
  });

  it('says clearly when ffmpeg cannot run at all', async () => {
    const r = await inspectFfmpeg({ ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' });
    expect(r.problem).toMatch(/could not run ffmpeg \(\/nonexistent\/ffmpeg\).*LECTERN_FFMPEG/);
  });
});
