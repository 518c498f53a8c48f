import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { open, openWithLecture } from '../media/services';
import { recorderWebm } from './recorder-stream';
import { durationOf, hasCues, seekWorks } from './take-checks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const child = path.join(root, 'tests/integration/recordings/record-child.ts');

/** Records in a child process and SIGKILLs it once `killAfter` slices are journaled; resolves the take id. */
async function recordAndKill(dataDir: string, lectureId: string, streamFile: string, killAfter: number): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, lectureId, streamFile, '10'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let takeId = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      takeId ||= /take (\S+)/.exec(text)?.[1] ?? '';
      const n = Math.max(0, ...[...text.matchAll(/appended (\d+)/g)].map((m) => Number(m[1])));
      if (n >= killAfter) {
        proc.kill('SIGKILL');
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`recorder exited (${code}) before it was killed: ${stderr}`)));
  });
  await new Promise((r) => proc.once('exit', r));
  return takeId;
}

describe('a take survives a killed recorder', () => {
  const tmp = tempDir('lectern-record-kill-');
  afterAll(() => tmp.cleanup());

  it('finds the take unfinished after SIGKILL, recovers a seekable video of what was journaled, or discards it', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const setup = openWithLecture(dataDir, { media: { runJobs: false } });
    const { lectureId } = setup;
    await setup.s.close();
    const streamFile = path.join(tmp.dir, 'stream.webm');
    fs.writeFileSync(streamFile, recorderWebm(10));

    const kept = await recordAndKill(dataDir, lectureId, streamFile, 7);
    const dropped = await recordAndKill(dataDir, lectureId, streamFile, 3);

    const s = open(dataDir, { media: { runJobs: false } });
    try {
      const unfinished = s.recordings.unfinished();
      expect(unfinished.map((t) => t.id).sort()).toEqual([kept, dropped].sort());
      const take = unfinished.find((t) => t.id === kept)!;
      expect(take.chunks).toBeGreaterThanOrEqual(7);

      const recovered = await s.recordings.recover(kept);
      expect(recovered).toMatchObject({ state: 'ready', inUse: true, error: null });
      // At most the slice in flight is lost: 7 of 10 one-second slices, less a partial cluster.
      expect(recovered.durationSec).toBeGreaterThanOrEqual(6);
      const final = path.join(dataDir, 'recordings', kept, 'final.webm');
      expect(hasCues(final)).toBe(true);
      expect(durationOf(final)).toBeCloseTo(recovered.durationSec, 1);
      expect(seekWorks(final, 0.9, tmp.dir)).toBe(true);
      expect(s.media.get(lectureId).source?.probe.durationSec).toBeCloseTo(recovered.durationSec, 1);

      await s.recordings.discard(dropped);
      expect(fs.existsSync(path.join(dataDir, 'recordings', dropped))).toBe(false);
      expect(s.recordings.unfinished()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
