import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import type { AppServices } from '../../../main/services/app-services';
import { makeAudio, makePng, makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from './services';

describe('media import', () => {
  const tmp = tempDir('lectern-media-import-');
  const files = path.join(tmp.dir, 'files');
  let s: AppServices;
  let lectureId: string;

  beforeAll(() => {
    fs.mkdirSync(files);
    ({ s, lectureId } = openWithLecture(path.join(tmp.dir, 'data'), { media: { maxDurationSec: 5 } }));
  });
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  const mediaDir = () => path.join(s.dataDir, 'media', lectureId);
  const lecture = () => s.db.prepare('SELECT duration_sec FROM lectures WHERE id = ?').get(lectureId) as { duration_sec: number | null };

  async function rejects(file: string, code: string, message: RegExp): Promise<void> {
    const err = await s.media.import(lectureId, file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LecternError);
    expect((err as LecternError).code).toBe(code);
    expect((err as LecternError).message).toMatch(message);
    // Nothing half-imported: no folder, no row, no duration.
    expect(fs.existsSync(mediaDir())).toBe(false);
    expect(s.media.get(lectureId).source).toBeNull();
    expect(lecture().duration_sec).toBeNull();
  }

  it('refuses a missing file', () => rejects(path.join(files, 'gone.mp4'), 'not-found', /"gone\.mp4" does not exist/));

  it('refuses a zero-byte file', () => {
    fs.writeFileSync(path.join(files, 'empty.mp4'), '');
    return rejects(path.join(files, 'empty.mp4'), 'invalid-input', /"empty\.mp4" is empty \(0 bytes\)/);
  });

  it('refuses a text file', () => {
    fs.writeFileSync(path.join(files, 'notes.mp4'), 'These are my lecture notes, not a video.\n'.repeat(20));
    return rejects(path.join(files, 'notes.mp4'), 'invalid-input', /"notes\.mp4" is not a video Lectern can read/);
  });

  it('refuses a .txt file, which ffprobe would read as ANSI art', () => {
    fs.writeFileSync(path.join(files, 'Notizen zur Vorlesung.txt'), 'These are my lecture notes, not a video.\n'.repeat(50));
    return rejects(path.join(files, 'Notizen zur Vorlesung.txt'), 'invalid-input', /"Notizen zur Vorlesung\.txt" is a text file, not a video/);
  });

  it('refuses a PNG image', () => rejects(makePng(path.join(files, 'slide.png')), 'invalid-input', /"slide\.png" is a still image, not a video/));

  it('refuses a truncated MP4', () => {
    const full = makeVideo(path.join(files, 'full.mp4'), { durationSec: 2 });
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(path.join(files, 'cut.mp4'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    return rejects(path.join(files, 'cut.mp4'), 'invalid-input', /"cut\.mp4" is damaged or incomplete/);
  });

  it('refuses an MP4 with its index first whose media data was cut off', () => {
    const full = makeVideo(path.join(files, 'faststart.mp4'), { durationSec: 3, audio: false, extra: ['-movflags', '+faststart'] });
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(path.join(files, 'cut-faststart.mp4'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    return rejects(path.join(files, 'cut-faststart.mp4'), 'invalid-input', /"cut-faststart\.mp4" is damaged or incomplete: its end cannot be read/);
  });

  it('refuses audio only', () => rejects(makeAudio(path.join(files, 'voice.m4a')), 'invalid-input', /"voice\.m4a" has no video track \(audio only, aac\)/));

  it('refuses a video longer than the limit', () =>
    rejects(makeVideo(path.join(files, 'long.mp4'), { durationSec: 6, audio: false }), 'invalid-input', /"long\.mp4" is 6 s long; the limit is 5 s/));

  it('refuses an unsupported codec', () =>
    rejects(makeVideo(path.join(files, 'archive.mkv'), { durationSec: 1, audio: false, codec: 'ffv1' }), 'invalid-input', /"archive\.mkv" uses the "ffv1" video codec/));

  it('refuses a directory', () => rejects(files, 'invalid-input', /is not a file/));

  it('refuses an unknown lecture', async () => {
    await expect(s.media.import('00000000-0000-4000-8000-000000000000', path.join(files, 'full.mp4'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('imports a file with Unicode and spaces in its name, independent of the original', async () => {
    const original = makeVideo(path.join(files, '강의 1 — intro 🎬.mp4'), { durationSec: 3 });
    const m = await s.media.import(lectureId, original);
    expect(m.source).toMatchObject({ originalName: '강의 1 — intro 🎬.mp4', file: path.join(mediaDir(), 'source.mp4') });
    expect(m.source!.probe).toMatchObject({ video: { codec: 'h264', width: 320, height: 180, frameRate: 30, rotation: 0 }, audio: { codec: 'aac' } });
    expect(m.source!.probe.durationSec).toBeCloseTo(3, 0);
    expect(lecture().duration_sec).toBeCloseTo(3, 0);
    // The draft keeps working after the original goes away.
    fs.rmSync(original);
    expect(fs.statSync(m.source!.file).size).toBe(m.source!.sizeBytes);
    expect(fs.readdirSync(mediaDir())).toEqual(['source.mp4']);
  });

  it('probes a rotated (portrait) phone clip through its display matrix', async () => {
    const m = await s.media.import(lectureId, makeVideo(path.join(files, 'phone.mov'), { width: 320, height: 180, durationSec: 2, rotate: 90, extra: ['-f', 'mov'] }));
    expect(m.source!.probe.video).toMatchObject({ rotation: 90, codedWidth: 320, codedHeight: 180, width: 180, height: 320 });
    // Re-import replaced the earlier source.
    expect(fs.readdirSync(mediaDir())).toEqual(['source.mov']);
  });
});
