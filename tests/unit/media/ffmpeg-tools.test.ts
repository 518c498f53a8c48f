import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFfmpeg, resolveFfmpegPaths } from '../../../main/services/media/ffmpeg-tools';
import { ffmpegPaths } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

describe('ffmpeg discovery', () => {
  const tmp = tempDir();
  // The trial's temp folders go under TMPDIR; a private one shows that they are removed, whatever other test files do meanwhile.
  const trials = path.join(tmp.dir, 'tmp');
  const savedTmp = process.env.TMPDIR;
  beforeAll(() => {
    fs.mkdirSync(trials);
    process.env.TMPDIR = trials;
  });
  afterAll(() => {
    process.env.TMPDIR = savedTmp;
    tmp.cleanup();
  });
  const leftovers = () => fs.readdirSync(trials);

  it('prefers options, then LECTERN_FFMPEG / LECTERN_FFPROBE, then the system binaries', () => {
    expect(resolveFfmpegPaths({ ffmpeg: '/opt/a' }, { LECTERN_FFMPEG: '/env/ffmpeg' }).ffmpeg).toBe('/opt/a');
    expect(resolveFfmpegPaths({}, { LECTERN_FFMPEG: '/env/ffmpeg', LECTERN_FFPROBE: '/env/ffprobe' })).toEqual({ ffmpeg: '/env/ffmpeg', ffprobe: '/env/ffprobe' });
    if (fs.existsSync('/usr/bin/ffmpeg')) expect(resolveFfmpegPaths({}, {}).ffmpeg).toBe('/usr/bin/ffmpeg');
  });

  it('reports the version and nothing missing for the ffmpeg under test, after a trial ladder, and checks it once', async () => {
    const r = await inspectFfmpeg(ffmpegPaths);
    expect(r.version).toMatch(/^ffmpeg version /);
    expect(r.missing).toEqual([]);
    expect(r.problem).toBeNull();
    expect(await inspectFfmpeg({ ...ffmpegPaths })).toBe(r);
    // The trial's temp folder is gone.
    expect(leftovers()).toEqual([]);
  });

  it('catches an ffmpeg that lists every feature but cannot build a ladder, with a sentence naming the fix', async () => {
    // Answers -version, -encoders and -muxers like a full build, then crashes on real work, as the 2018 build did on the ladder's flags.
    const fake = path.join(tmp.dir, 'broken-ffmpeg');
    fs.writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$*" in',
        '  *-version*) echo "ffmpeg version 4.0-broken Copyright (c) 2000-2018";;',
        '  *-encoders*) printf " V..... libx264 H.264\\n A..... aac AAC\\n";;',
        '  *-muxers*) echo " E hls Apple HTTP Live Streaming";;',
        '  *) echo "[hls @ 0x1] Invalid keyval name:720p" >&2; echo "Could not write header for output file #0" >&2; exit 1;;',
        'esac',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const r = await inspectFfmpeg({ ffmpeg: fake, ffprobe: ffmpegPaths.ffprobe });
    expect(r.version).toBe('ffmpeg version 4.0-broken Copyright (c) 2000-2018');
    expect(r.missing).toEqual(['a working HLS ladder']);
    expect(r.problem).toContain(`${fake} (ffmpeg version 4.0-broken) failed Lectern's one-second trial video build`);
    expect(r.problem).toContain('Invalid keyval name:720p');
    expect(r.problem).toMatch(/Install a current ffmpeg .*LECTERN_FFMPEG and LECTERN_FFPROBE/);
    expect(leftovers()).toEqual([]);
  });

  it('catches an ffprobe that crashes on what ffmpeg wrote', async () => {
    const fake = path.join(tmp.dir, 'crashing-ffprobe');
    fs.writeFileSync(fake, '#!/bin/sh\ncase "$*" in *-version*) echo "ffprobe version 6.0";; *) kill -SEGV $$;; esac\n', { mode: 0o755 });
    const r = await inspectFfmpeg({ ffmpeg: ffmpegPaths.ffmpeg, ffprobe: fake });
    expect(r.missing).toEqual(['a working HLS ladder']);
    expect(r.problem).toContain(`ffprobe (${fake}) could not read an MP4 that ffmpeg wrote`);
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
