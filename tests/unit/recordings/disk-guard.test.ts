import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/services/app-services';
import { ASSUMED_BITS_PER_SEC, diskSpace, minutesFor, statfsFreeSpace } from '../../../main/services/recordings/disk-guard';
import { tempDir } from '../../helpers/tmp';
import { MB, newLecture, openServices, type FakeDisk } from './open-recordings';

const mime = 'video/webm;codecs=vp8,opus';
const tracks = { screen: true, camera: true, microphone: true };
/** Bytes one minute takes at the assumed bitrate. */
const MINUTE = (ASSUMED_BITS_PER_SEC / 8) * 60;

let tmp: ReturnType<typeof tempDir>;
let dataDir: string;
let disk: FakeDisk;
let s: AppServices;
let lectureId: string;

beforeEach(() => {
  tmp = tempDir('lectern-disk-guard-');
  dataDir = path.join(tmp.dir, 'data');
  disk = { free: 100 * MINUTE };
  s = openServices(dataDir, disk);
  lectureId = newLecture(s);
});
afterEach(async () => {
  await s.close();
  tmp.cleanup();
});

describe('recording disk guard', () => {
  it('turns free bytes into minutes at 8 Mbit/s (60 MB a minute)', async () => {
    expect(MINUTE).toBe(60 * MB);
    expect(minutesFor(180 * MB)).toBe(3);
    expect(diskSpace(125 * MB)).toEqual({ freeBytes: 125 * MB, minutesLeft: 2 });
    expect(diskSpace(-5)).toEqual({ freeBytes: -5, minutesLeft: 0 });
    expect(await s.recordings.diskSpace()).toEqual({ freeBytes: 100 * MINUTE, minutesLeft: 100 });
    // The real probe answers for the real data folder.
    expect(await statfsFreeSpace(dataDir)).toBeGreaterThan(0);
  });

  it('refuses to start a take with room for less than 3 minutes, saying how much is left', async () => {
    disk.free = 2.9 * MINUTE;
    await expect(s.recordings.start({ lectureId, mimeType: mime, tracks })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^There is not enough disk space to record: 174 MB free, about 2\.9 minutes of recording in .+\. A take needs room for at least 3 minutes; free some space and try again\.$/) as unknown,
    });
    expect(s.recordings.list(lectureId)).toEqual([]);
    disk.free = 3 * MINUTE;
    await expect(s.recordings.start({ lectureId, mimeType: mime, tracks })).resolves.toMatchObject({ state: 'recording' });
  });

  it('pauses the take below 2 minutes, keeps the slice in hand, refuses to resume until space is freed', async () => {
    const take = await s.recordings.start({ lectureId, mimeType: mime, tracks });
    await s.recordings.appendChunk(take.id, 0, Buffer.alloc(100, 1).toString('base64'), 1000);
    disk.free = 1.5 * MINUTE;
    await expect(s.recordings.appendChunk(take.id, 1, Buffer.alloc(100, 2).toString('base64'), 2000)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The disk is almost full \(90 MB free, about 1\.5 minutes of recording\), so Lectern paused take "Take 1" and kept everything recorded so far\. Free some space in .+, then resume or stop the take\.$/) as unknown,
    });
    expect(s.recordings.get(take.id)).toMatchObject({ state: 'paused', chunks: 2, bytes: 200 });
    // The renderer retries the slice it was told failed: already journaled, so it is accepted without a second copy.
    expect(await s.recordings.appendChunk(take.id, 1, Buffer.alloc(100, 2).toString('base64'), 2000)).toEqual({ bytes: 200, chunks: 2 });
    // MediaRecorder flushes one more slice when paused: still accepted while paused.
    expect(await s.recordings.appendChunk(take.id, 2, Buffer.alloc(100, 3).toString('base64'), 2100)).toEqual({ bytes: 300, chunks: 3 });
    await expect(s.recordings.resume(take.id)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('still almost full') as unknown });
    disk.free = 10 * MINUTE;
    expect(await s.recordings.resume(take.id)).toMatchObject({ state: 'recording' });
    expect(await s.recordings.appendChunk(take.id, 3, Buffer.alloc(100, 4).toString('base64'), 3000)).toEqual({ bytes: 400, chunks: 4 });
  });
});
