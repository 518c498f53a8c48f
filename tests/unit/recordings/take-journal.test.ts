import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/services/app-services';
import { processStartTime } from '../../../main/services/recordings/process-owner';
import type { RecordingTake } from '../../../main/contract/types';
import { tempDir } from '../../helpers/tmp';
import { deadPid, liveProcess, MB, newLecture, openServices, type FakeDisk } from './open-recordings';

const slice = (n: number, size = 1000) => Buffer.alloc(size, n + 1);
const b64 = (buf: Buffer) => buf.toString('base64');
const mime = 'video/webm;codecs=vp8,opus';
const tracks = { screen: true, camera: false, microphone: true };

let tmp: ReturnType<typeof tempDir>;
let dataDir: string;
let disk: FakeDisk;
let s: AppServices;
let lectureId: string;
const events: RecordingTake[] = [];

beforeEach(() => {
  tmp = tempDir('lectern-take-journal-');
  dataDir = path.join(tmp.dir, 'data ü 녹화');
  disk = { free: 50_000 * MB };
  events.length = 0;
  s = openServices(dataDir, disk, events);
  lectureId = newLecture(s);
});
afterEach(async () => {
  await s.close();
  tmp.cleanup();
});

const takeFile = (takeId: string) => path.join(dataDir, 'recordings', takeId, 'take.webm');

/** Rewrites who owns a take, as if another process had recorded it. */
function setOwner(takeId: string, pid: number, started: string | null): void {
  const db = new BetterSqlite3(path.join(dataDir, 'lectern.db'));
  db.prepare('UPDATE recording_takes SET owner_pid = ?, owner_started = ? WHERE id = ?').run(pid, started, takeId);
  db.close();
}

describe('take journal', () => {
  it('appends slices in order, journals bytes, slices and time, and emits each change', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    expect(take).toMatchObject({ state: 'recording', name: 'Take 1', bytes: 0, chunks: 0, inUse: false, video: null });
    expect(fs.existsSync(takeFile(take.id))).toBe(true);
    for (let i = 0; i < 3; i++) expect(await s.recordings.appendChunk(take.id, i, b64(slice(i)), (i + 1) * 1000)).toEqual({ bytes: (i + 1) * 1000, chunks: i + 1 });
    expect(fs.readFileSync(takeFile(take.id))).toEqual(Buffer.concat([slice(0), slice(1), slice(2)]));
    expect(s.recordings.get(take.id)).toMatchObject({ bytes: 3000, chunks: 3, durationSec: 3 });
    expect(events.filter((e) => e.id === take.id).map((e) => e.chunks)).toEqual([0, 1, 2, 3]);
    // Only Lectern's own names under <data>/recordings/.
    expect(fs.readdirSync(path.join(dataDir, 'recordings'))).toEqual([take.id]);
  });

  it('ignores a repeated slice (a retry) and refuses a gap, keeping what was written', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await s.recordings.appendChunk(take.id, 0, b64(slice(0)), 1000);
    await s.recordings.appendChunk(take.id, 1, b64(slice(1)), 2000);
    expect(await s.recordings.appendChunk(take.id, 1, b64(slice(1)), 2000)).toEqual({ bytes: 2000, chunks: 2 });
    expect(await s.recordings.appendChunk(take.id, 0, b64(slice(9)), 2000)).toEqual({ bytes: 2000, chunks: 2 });
    await expect(s.recordings.appendChunk(take.id, 4, b64(slice(4)), 5000)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/Slice 4 of take "Take 1" arrived but slice 2 is missing/) as unknown,
    });
    expect(fs.readFileSync(takeFile(take.id))).toEqual(Buffer.concat([slice(0), slice(1)]));
    expect(s.recordings.get(take.id)).toMatchObject({ bytes: 2000, chunks: 2 });
  });

  it('runs concurrent appends in arrival order', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await Promise.all([0, 1, 2, 3, 4].map((i) => s.recordings.appendChunk(take.id, i, b64(slice(i, 5000)), i * 1000)));
    expect(fs.readFileSync(takeFile(take.id))).toEqual(Buffer.concat([0, 1, 2, 3, 4].map((i) => slice(i, 5000))));
  });

  it('overwrites bytes a crash left after the last journaled slice, and recovery cuts them off', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await s.recordings.appendChunk(take.id, 0, b64(slice(0)), 1000);
    // A write that reached the disk without its row: the process died between the two.
    fs.appendFileSync(takeFile(take.id), Buffer.alloc(700, 0xee));
    await s.recordings.appendChunk(take.id, 1, b64(slice(1)), 2000);
    expect(fs.readFileSync(takeFile(take.id))).toEqual(Buffer.concat([slice(0), slice(1)]));

    fs.appendFileSync(takeFile(take.id), Buffer.alloc(700, 0xee));
    await s.close();
    setOwner(take.id, await deadPid(), null);
    s = openServices(dataDir, disk);
    expect(s.recordings.unfinished().map((t) => [t.id, t.state, t.bytes])).toEqual([[take.id, 'unfinished', 2000]]);
    expect(fs.statSync(takeFile(take.id)).size).toBe(2700);
    // Not a WebM: finalising fails, with a sentence, after cutting the file back to the journal.
    const recovered = await s.recordings.recover(take.id);
    expect(recovered.state).toBe('failed');
    expect(recovered.error).toMatch(/^Lectern could not finish take "Take 1" \(.+\)\. The recorded file is kept in .+; try Recover again, or discard the take\.$/);
    expect(fs.readFileSync(takeFile(take.id))).toEqual(Buffer.concat([slice(0), slice(1)]));
  });

  it('marks takes of a dead recorder unfinished, never those of a live one, and tells a reused pid apart', async () => {
    const mine = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    const other = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    const dead = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    const reused = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    const app = liveProcess();
    try {
      await new Promise((r) => setTimeout(r, 50));
      setOwner(other.id, app.pid, processStartTime(app.pid));
      setOwner(dead.id, await deadPid(), '123');
      // The pid is alive but belongs to a process started at another time than the recorder.
      setOwner(reused.id, app.pid, '1');
      // A second opening of the same folder (the CLI beside the app) while the takes record.
      const cli = openServices(dataDir, disk);
      try {
        const states = Object.fromEntries(cli.recordings.list(lectureId).map((t) => [t.id, t.state]));
        expect(states).toEqual({ [mine.id]: 'recording', [other.id]: 'recording', [dead.id]: 'unfinished', [reused.id]: 'unfinished' });
        await expect(cli.recordings.discard(other.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`another Lectern process (pid ${app.pid})`) as unknown });
        await expect(cli.recordings.appendChunk(other.id, 0, b64(slice(0)), 0)).rejects.toMatchObject({ code: 'conflict' });
      } finally {
        await cli.close();
      }
      // Closing the second opening left this process's live take alone.
      expect(s.recordings.get(mine.id).state).toBe('recording');
      await s.recordings.appendChunk(mine.id, 0, b64(slice(0)), 1000);
    } finally {
      app.stop();
    }
  });

  it('discard removes the files and the row; a finished take must be deleted instead', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await s.recordings.appendChunk(take.id, 0, b64(slice(0)), 1000);
    expect(await s.recordings.discard(take.id)).toEqual({ takeId: take.id });
    expect(fs.existsSync(path.join(dataDir, 'recordings', take.id))).toBe(false);
    await expect(Promise.resolve().then(() => s.recordings.get(take.id))).rejects.toMatchObject({ code: 'not-found' });
    expect(events.at(-1)).toMatchObject({ id: take.id, deletedAt: expect.any(Number) as unknown });
  });

  it('a take left recording when the services close is unfinished at the next start', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await s.recordings.appendChunk(take.id, 0, b64(slice(0)), 1000);
    expect(s.recordings.recordingBusy()).toBe('recording');
    await s.close();
    s = openServices(dataDir, disk);
    expect(s.recordings.recordingBusy()).toBeNull();
    expect(s.recordings.unfinished().map((t) => t.id)).toEqual([take.id]);
    await expect(s.recordings.appendChunk(take.id, 1, b64(slice(1)), 2000)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Recover or discard it') as unknown });
  });

  it('refuses to start for a lecture that does not exist', async () => {
    await expect(s.recordings.start({ lectureId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', mimeType: mime, tracks })).rejects.toMatchObject({ code: 'not-found' });
  });
});
