import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTake } from '../../../main/contract/types';
import type { AppServices } from '../../../main/services/app-services';
import { RECORDINGS_ROUTE_PREFIX } from '../../../main/services/recordings/recordings-route';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from '../media/services';
import { recorderWebm, sliceStream } from './recorder-stream';
import { codecsOf, durationOf, hasCues, seekWorks } from './take-checks';

const tmp = tempDir('lectern-record-flow-');
const dataDir = path.join(tmp.dir, 'Daten ü 녹화');
const events: RecordingTake[] = [];
let s: AppServices;
let lectureId: string;

beforeAll(() => {
  ({ s, lectureId } = openWithLecture(dataDir, { media: { runJobs: false }, emit: (name, p) => name === 'recordings.take' && events.push(p as RecordingTake) }));
});
afterAll(async () => {
  await s.close();
  tmp.cleanup();
});

const takeDir = (id: string) => path.join(dataDir, 'recordings', id);

/** Records `stream` as MediaRecorder would send it: ~1 s slices, one of them retried. */
async function record(stream: Buffer, seconds: number): Promise<RecordingTake> {
  const take = await s.recordings.start({ lectureId, mimeType: 'video/webm;codecs=vp8,opus', tracks: { screen: true, camera: false, microphone: true } });
  const parts = sliceStream(stream, seconds);
  for (const [seq, part] of parts.entries()) {
    await s.recordings.appendChunk(take.id, seq, part.toString('base64'), (seq + 1) * 1000);
    if (seq === 2) await s.recordings.appendChunk(take.id, seq, part.toString('base64'), (seq + 1) * 1000);
  }
  return s.recordings.stop(take.id, seconds * 1000);
}

describe('recording a take', () => {
  let first: RecordingTake;

  it('stops into a seekable take with thumbnail and storyboard that becomes the lecture video', async () => {
    const stream = recorderWebm(10);
    const raw = path.join(tmp.dir, 'raw.webm');
    fs.writeFileSync(raw, stream);
    // What MediaRecorder gives: no duration, no seek index.
    expect(Number.isNaN(durationOf(raw))).toBe(true);
    expect(hasCues(raw)).toBe(false);

    first = await record(stream, 10);
    expect(first).toMatchObject({ state: 'ready', name: 'Take 1', bytes: stream.length, chunks: 10, inUse: true, error: null });
    expect(first.durationSec).toBeGreaterThan(9.7);
    expect(first.durationSec).toBeLessThan(10.3);
    expect(first.video).toBe(`${RECORDINGS_ROUTE_PREFIX}${first.id}/final.webm`);
    expect(first.thumbnail).toBe(`${RECORDINGS_ROUTE_PREFIX}${first.id}/thumbnail.jpg`);
    expect(first.storyboard).toEqual({ sprite: `${RECORDINGS_ROUTE_PREFIX}${first.id}/storyboard/sprite.jpg`, vtt: `${RECORDINGS_ROUTE_PREFIX}${first.id}/storyboard/thumbnails.vtt` });
    expect(events.filter((e) => e.id === first.id).map((e) => e.state)).toEqual(expect.arrayContaining(['recording', 'finalizing', 'ready']));

    const final = path.join(takeDir(first.id), 'final.webm');
    expect(hasCues(final)).toBe(true);
    expect(codecsOf(final)).toEqual(['vp8', 'opus']);
    expect(seekWorks(final, 0.9, tmp.dir)).toBe(true);
    // The raw stream is gone once the finished file holds every byte of it.
    expect(fs.readdirSync(takeDir(first.id)).sort()).toEqual(['final.webm', 'storyboard', 'thumbnail.jpg']);

    const media = s.media.get(lectureId);
    expect(media.source).toMatchObject({ originalName: 'Take 1.webm' });
    expect(media.source!.probe.durationSec).toBeCloseTo(first.durationSec, 1);
    expect(media.jobs.map((j) => [j.kind, j.status])).toEqual([['poster', 'queued'], ['storyboard', 'queued'], ['ladder', 'queued'], ['preview', 'queued']]);
  });

  it('serves the take to the app origin with ranges, never the raw stream or other files', async () => {
    const routes = s.routes('http://127.0.0.1:1');
    const route = routes[RECORDINGS_ROUTE_PREFIX]!;
    const get = (p: string, headers: Record<string, string> = {}) => route(new Request(`http://127.0.0.1:1${p}`, { headers }));
    const part = await get(first.video!, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/webm');
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await get(first.storyboard!.vtt)).headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect((await get(first.thumbnail!)).headers.get('content-type')).toBe('image/jpeg');
    fs.writeFileSync(path.join(takeDir(first.id), 'take.webm'), 'raw');
    for (const bad of ['take.webm', '..%2F..%2Flectern.db', '../../lectern.db', '.tmp-final.webm', 'storyboard/sprite.png', 'storyboard/thumbnails.vtt/x', 'final.webm/x', 'storyboard']) {
      expect((await get(`${RECORDINGS_ROUTE_PREFIX}${first.id}/${bad}`)).status, bad).toBe(404);
    }
    expect((await get(`${RECORDINGS_ROUTE_PREFIX}not-a-take/final.webm`)).status).toBe(404);
    fs.rmSync(path.join(takeDir(first.id), 'take.webm'));
  });

  it('trims 2→8 s into a 6 s H.264/AAC cut that replaces the lecture video', async () => {
    const working = s.recordings.trim(first.id, 2, 8);
    expect(working.trim).toEqual({ startSec: 2, endSec: 8, state: 'working' });
    expect(s.recordings.recordingBusy()).toBe('trimming');
    await expect(s.recordings.use(first.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('still being trimmed') as unknown });
    await s.recordings.idle();
    const trimmed = s.recordings.get(first.id);
    expect(trimmed).toMatchObject({ trim: { startSec: 2, endSec: 8, state: 'ready' }, inUse: true, error: null });
    const cut = path.join(takeDir(first.id), 'trimmed.mp4');
    expect(Math.abs(durationOf(cut) - 6)).toBeLessThanOrEqual(0.2);
    expect(codecsOf(cut)).toEqual(['h264', 'aac']);
    // The take was in use, so its cut became the lecture's source by itself.
    const source = s.media.get(lectureId).source!;
    expect(source.originalName).toBe('Take 1 (trimmed).mp4');
    expect(Math.abs(source.probe.durationSec! - 6)).toBeLessThanOrEqual(0.2);

    expect(() => s.recordings.trim(first.id, 2, 30)).toThrow(/The out point \(30\.0 s\) is past the end of take "Take 1"/);
  });

  it('keeps exactly one take in use, refuses to delete it, and deletes and restores the others', async () => {
    const second = await record(recorderWebm(3), 3);
    expect(second).toMatchObject({ name: 'Take 2', state: 'ready', inUse: true });
    expect(s.recordings.get(first.id).inUse).toBe(false);
    expect(s.recordings.list(lectureId).map((t) => [t.name, t.inUse])).toEqual([['Take 2', true], ['Take 1', false]]);

    expect(() => s.recordings.delete(second.id)).toThrow(/is the lecture's video/);
    expect(s.recordings.delete(first.id).deletedAt).toEqual(expect.any(Number));
    expect(s.recordings.list(lectureId).map((t) => t.name)).toEqual(['Take 2']);
    await expect(s.recordings.use(first.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is deleted; restore it') as unknown });
    expect(s.recordings.restore(first.id).deletedAt).toBeNull();
    expect(s.recordings.rename(first.id, 'Intro, second try').name).toBe('Intro, second try');

    const media = await s.recordings.use(first.id);
    expect(media.source?.originalName).toBe('Intro, second try (trimmed).mp4');
    expect(s.recordings.list(lectureId).filter((t) => t.inUse).map((t) => t.id)).toEqual([first.id]);

    const cleared = await s.recordings.clearTrim(first.id);
    expect(cleared.trim).toBeNull();
    expect(fs.existsSync(path.join(takeDir(first.id), 'trimmed.mp4'))).toBe(false);
    expect(s.media.get(lectureId).source?.originalName).toBe('Intro, second try.webm');

    // Attaching another file makes no take the lecture's video.
    await s.media.import(lectureId, path.join(takeDir(second.id), 'final.webm'));
    expect(s.recordings.list(lectureId).some((t) => t.inUse)).toBe(false);
  });
});
