import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTake } from '../../../main/contract/types';
import { runCliCaptured } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { deadPid } from '../../unit/recordings/open-recordings';
import { openWithLecture } from '../media/services';
import { recorderWebm, sliceStream } from './recorder-stream';
import { durationOf, seekWorks } from './take-checks';

const tmp = tempDir('lectern-recordings-cli-');
const dataDir = path.join(tmp.dir, 'Daten ü 녹화');
let lectureId: string;
const takes: string[] = [];

/** Two takes of 6 slices each, left 'recording' by a process that no longer exists. */
beforeAll(async () => {
  const opened = openWithLecture(dataDir, { media: { runJobs: false } });
  lectureId = opened.lectureId;
  const stream = recorderWebm(6);
  for (let i = 0; i < 2; i++) {
    const take = await opened.s.recordings.start({ lectureId, mimeType: 'video/webm;codecs=vp8,opus', tracks: { screen: true, camera: false, microphone: true } });
    for (const [seq, part] of sliceStream(stream, 6).entries()) await opened.s.recordings.appendChunk(take.id, seq, part.toString('base64'), (seq + 1) * 1000);
    takes.push(take.id);
  }
  await opened.s.close();
  const db = new BetterSqlite3(path.join(dataDir, 'lectern.db'));
  db.prepare(`UPDATE recording_takes SET state = 'recording', owner_pid = ?, owner_started = NULL`).run(await deadPid());
  db.close();
});
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv]);

describe('lectern recordings', () => {
  it('lists takes, marking those of a dead recorder unfinished, as text and JSON', async () => {
    const list = await cli('recordings', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(list.stdout).toMatch(new RegExp(`^${takes[1]}  unfinished +6\\.0 s .+"Take 2"$`, 'm'));
    const json = await cli('--json', 'recordings', 'list', '--lecture', lectureId);
    expect((JSON.parse(json.stdout) as RecordingTake[]).map((t) => [t.id, t.state, t.chunks])).toEqual([
      [takes[1], 'unfinished', 6],
      [takes[0], 'unfinished', 6],
    ]);
    const bad = await cli('recordings', 'list', '--lecture', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/lectureId.*must be an id issued by Lectern/);
  });

  it('recovers a take into a seekable video that becomes the lecture source', async () => {
    const out = await cli('--json', 'recordings', 'recover', takes[0]!);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const take = JSON.parse(out.stdout) as RecordingTake;
    expect(take).toMatchObject({ state: 'ready', inUse: true });
    const final = path.join(dataDir, 'recordings', takes[0]!, 'final.webm');
    expect(durationOf(final)).toBeGreaterThan(5.5);
    expect(seekWorks(final, 0.9, tmp.dir)).toBe(true);
    const again = await cli('recordings', 'recover', takes[0]!);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is ready, not unfinished');
  });

  it('discards an unfinished take with its files, and refuses a finished one', async () => {
    const out = await cli('recordings', 'discard', takes[1]!);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`Discarded take ${takes[1]}.\n`);
    expect(fs.existsSync(path.join(dataDir, 'recordings', takes[1]!))).toBe(false);
    const finished = await cli('recordings', 'discard', takes[0]!);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('delete it instead');
    const gone = await cli('recordings', 'discard', takes[1]!);
    expect(gone.stderr).toContain('does not exist');
  });
});
