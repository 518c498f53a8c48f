import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';
import { open, openWithLecture } from './services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const child = path.join(root, 'tests/integration/media/kill-child.ts');

describe('media jobs survive a killed process', () => {
  const tmp = tempDir('lectern-media-kill-');
  afterAll(() => tmp.cleanup());

  it('re-runs a ladder from scratch after SIGKILL mid-encode and completes it', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const setup = openWithLecture(dataDir, { media: { runJobs: false } });
    const { lectureId } = setup;
    await setup.s.media.import(lectureId, makeVideo(path.join(tmp.dir, 'src.mp4'), { width: 1280, height: 720, durationSec: 12, gop: 300 }));
    await setup.s.media.build(lectureId);
    await setup.s.close();

    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('ladder-running')) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.on('exit', (code) => reject(new Error(`child exited (${code}) before the ladder ran: ${stderr}`)));
    });
    await new Promise((r) => proc.once('exit', r));
    const dir = path.join(dataDir, 'media', lectureId);
    // The killed process left a half-written ladder in its temp folder, never in place.
    expect(fs.existsSync(path.join(dir, 'hls'))).toBe(false);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('.tmp-'))).toBe(true);

    // ffmpeg outlives a SIGKILLed parent; the fresh start must stop it before it writes into a swept folder.
    const raw = new BetterSqlite3(path.join(dataDir, 'lectern.db'), { readonly: true });
    const { ffmpeg_pid: orphan } = raw.prepare(`SELECT ffmpeg_pid FROM media_jobs WHERE kind = 'ladder'`).get() as { ffmpeg_pid: number | null };
    raw.close();
    expect(orphan).not.toBeNull();

    const s = open(dataDir);
    try {
      // Recovery ran in the constructor: the interrupted job is queued (or already re-running) with its temp folder gone.
      const ladder = s.media.get(lectureId).jobs.find((j) => j.kind === 'ladder')!;
      expect(['queued', 'running']).toContain(ladder.status);
      await new Promise((r) => setTimeout(r, 200));
      expect(alive(orphan!)).toBe(false);
      await s.media.idle();
      const m = s.media.get(lectureId);
      expect(m.jobs.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
      expect(m.ladder!.renditions.map((r) => r.name)).toEqual(['720p', '480p', '360p']);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0 until reaped; its /proc status says so.
    return !/State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
