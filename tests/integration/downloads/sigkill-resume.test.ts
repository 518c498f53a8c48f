import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { decryptor } from '../../../main/services/downloads/segment-cipher';
import { fileTree, LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeSyntheticPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * A download survives its process being killed at any point: a fresh process picks up the rows and
 * files left behind and finishes, and every stored file is then the hub's file, encrypted. The hub
 * answers some requests with 500 throughout, so retries run under the kills too.
 */

const SEGMENTS = 120;
// Their sum stays below SEGMENTS, so no run can finish before its kill lands.
const KILL_AFTER_REQUESTS = [10, 30, 50];
const child = path.join(import.meta.dirname, 'download-child.ts');
const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('lectern-dl-kill-');
const hubRoot = path.join(tmp.dir, 'hub');
const dataDir = path.join(tmp.dir, 'data');
let hub: Hub;

beforeAll(async () => {
  writeSyntheticPackage(hubRoot, { segments: SEGMENTS, minBytes: 20_000, maxBytes: 60_000 });
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});

interface ChildRun {
  lines: string[];
  how: NodeJS.Signals | number | null;
  stderr: string;
}

/** Runs the child; when `killAfter` segment requests reached the hub, SIGKILLs it. */
function runChild(killAfter: number | null, mode = 'download'): Promise<ChildRun> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, hub.url, MANIFEST_PATH, LECTURE_ID, mode], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let segmentRequests = 0;
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: proc.stdout }).on('line', (l) => lines.push(l));
  hub.intercept = (req, res) => {
    if (!req.url?.endsWith('.ts')) return false;
    segmentRequests++;
    if (killAfter !== null && segmentRequests === killAfter) proc.kill('SIGKILL');
    // Roughly one request in eight fails: retries happen before and after each kill.
    if (segmentRequests % 8 === 3) return void res.writeHead(500).end(), true;
    // A little latency, so several files are in flight when the kill lands.
    const file = path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length));
    setTimeout(() => {
      const data = fs.readFileSync(file);
      res.writeHead(200, { 'content-length': data.byteLength }).end(data);
    }, 5);
    return true;
  };
  return new Promise((resolve) => proc.once('close', (code, signal) => resolve({ lines, how: signal ?? code, stderr })));
}

describe('SIGKILL while downloading', () => {
  it(`resumes in a fresh process after kills at ${KILL_AFTER_REQUESTS.join(', ')} segment requests and ends with every file verified`, async () => {
    const doneAfterKill: number[] = [];
    for (const killAfter of KILL_AFTER_REQUESTS) {
      const run = await runChild(killAfter);
      expect(run.how, `child should have been killed:\n${run.stderr}\n${run.lines.join('\n')}`).toBe('SIGKILL');
      expect(run.lines.some((l) => l.startsWith('end'))).toBe(false);
      const db = openDatabase(dataDir, migrations);
      doneAfterKill.push((db.prepare(`SELECT COUNT(*) AS n FROM download_files WHERE state = 'done'`).get() as { n: number }).n);
      db.close();
    }
    // Each run kept what the previous ones stored, and each was killed before the end.
    expect(doneAfterKill.every((n, i) => n > (doneAfterKill[i - 1] ?? 0) && n < SEGMENTS), doneAfterKill.join(',')).toBe(true);
    const last = await runChild(null);
    expect(last.how, last.stderr).toBe(0);
    expect(last.lines.at(-1)).toBe('end completed ');

    // A truncated file on disk is found by verify in yet another process and fetched again.
    const id = (last.lines.find((l) => l.startsWith('id ')) ?? '').slice(3);
    const library = path.join(dataDir, 'library');
    fs.truncateSync(path.join(library, id, '7.seg'), 5000);
    fs.writeFileSync(path.join(library, id, '9.seg'), 'garbage');
    const verified = await runChild(null, 'verify');
    expect(verified.lines).toContain(`verify ${SEGMENTS} 2`);
    expect(verified.lines.at(-1)).toBe('end completed ');

    // Every file is the hub's file under the download's key and its own IV, and nothing else is on disk.
    const db = openDatabase(dataDir, migrations);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    const key = Buffer.from(secrets[`download-key:${id}`] ?? '', 'hex');
    const rows = db.prepare('SELECT idx, hub_path, iv, state FROM download_files WHERE download_id = ? ORDER BY idx').all(id) as { idx: number; hub_path: string; iv: Buffer; state: string }[];
    expect(rows).toHaveLength(SEGMENTS);
    for (const r of rows) {
      expect(r.state).toBe('done');
      const d = decryptor(key, r.iv);
      const plain = Buffer.concat([d.update(fs.readFileSync(path.join(library, id, `${r.idx}.seg`))), d.final()]);
      expect(plain.equals(fs.readFileSync(path.join(hubRoot, r.hub_path))), `file ${r.idx}`).toBe(true);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(fileTree(library)).toEqual([id, ...rows.map((r) => `${id}/${r.idx}.seg`)].sort());
    expect(rows.map((r) => r.hub_path)).toEqual(Array.from({ length: SEGMENTS }, (_, i) => `${MEDIA_DIR}/seg_${i}.ts`));
  }, 180_000);
});
