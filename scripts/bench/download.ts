// npm run bench:download — how much the download manager's bookkeeping (SQLite rows, sha256, AES,
// verify-then-rename) costs against a bare fetch-and-write of the same URLs at the same concurrency.
// A 60-minute lecture: 900 segments of 100–500 KiB of synthetic bytes (only transfer is measured),
// served on loopback by a separate process (as a real hub is remote), so this process's CPU time is the
// client's alone. Runs alternate bare/manager to spread machine noise; medians are compared.
// BENCH_SEGMENTS and BENCH_ROUNDS override the defaults.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createMemorySecretStore } from '../../main/services/credentials/secret-store';
import { openDatabase } from '../../main/services/db/database';
import { migrations } from '../../main/services/db/migrations';
import { DownloadManager } from '../../main/services/downloads/download-manager';
import { LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeSyntheticPackage } from '../../tests/helpers/hls-fixture';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 900);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 6;

if (process.argv[2] === '--serve') {
  // The hub process: serve the folder until the parent closes our stdin.
  const hub = await serveHub(process.argv[3] ?? '.');
  process.stdout.write(`${hub.url}\n`);
  process.stdin.resume().on('end', () => process.exit(0));
} else {
  await bench();
}

async function startHub(root: string): Promise<{ url: string; close(): void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve', root], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: proc.stdout }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`The hub process exited (${code}) before serving.`)));
  });
  return { url, close: () => proc.stdin.end() };
}

/** CPU time of this process since `since`, in ms: on a shared 2-core machine far less noisy than wall time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

interface Sample {
  ms: number;
  cpu: number;
}

async function measure(run: () => Promise<void>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  return { ms: performance.now() - t0, cpu: cpuMs(cpu0) };
}

async function bench(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-dl-'));
  const hubRoot = path.join(work, 'hub');
  writeSyntheticPackage(hubRoot, { segments: SEGMENTS, minBytes: 100 * 1024, maxBytes: 500 * 1024 });
  const totalBytes = fs.readdirSync(path.join(hubRoot, MEDIA_DIR)).reduce((n, f) => n + fs.statSync(path.join(hubRoot, MEDIA_DIR, f)).size, 0);
  const hub = await startHub(hubRoot);
  try {
    const documents = [MANIFEST_PATH, `${MEDIA_DIR}/master.m3u8`, `${MEDIA_DIR}/video.m3u8`];
    const segments = Array.from({ length: SEGMENTS }, (_, i) => `${MEDIA_DIR}/seg_${i}.ts`);

    /** The baseline: the same URLs, the same concurrency, straight to disk, no bookkeeping at all. */
    const bare = async (dir: string) => {
      fs.mkdirSync(dir, { recursive: true });
      for (const d of documents) await (await fetch(new URL(d, hub.url))).arrayBuffer();
      const queue = segments.map((s, i) => [s, i] as const);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const res = await fetch(new URL(next[0], hub.url));
            await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), fs.createWriteStream(path.join(dir, `${next[1]}.seg`)));
          }
        }),
      );
    };

    const managed = async (dir: string) => {
      const db = openDatabase(dir, migrations);
      try {
        const manager = new DownloadManager({ db, libraryDir: path.join(dir, 'library'), secrets: createMemorySecretStore(), concurrency: CONCURRENCY });
        const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
        await manager.start(id);
        const s = manager.get(id);
        if (s.state !== 'completed') throw new Error(`The managed download ended ${s.state}: ${s.error ?? ''}`);
      } finally {
        db.close();
      }
    };

    const bares: Sample[] = [];
    const manageds: Sample[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const bareDir = path.join(work, `bare-${r}`);
      const managedDir = path.join(work, `managed-${r}`);
      const b = await measure(() => bare(bareDir));
      fs.rmSync(bareDir, { recursive: true });
      const m = await measure(() => managed(managedDir));
      fs.rmSync(managedDir, { recursive: true });
      bares.push(b);
      manageds.push(m);
      console.error(`round ${r + 1}: bare ${b.ms.toFixed(0)} ms (cpu ${b.cpu.toFixed(0)}), manager ${m.ms.toFixed(0)} ms (cpu ${m.cpu.toFixed(0)}), load ${os.loadavg()[0]?.toFixed(2)}`);
    }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const bareMs = median(bares.map((s) => s.ms));
    const managedMs = median(manageds.map((s) => s.ms));
    const mibs = (ms: number) => (totalBytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
    console.log(`segments=${SEGMENTS} bytes=${totalBytes} concurrency=${CONCURRENCY} rounds=${ROUNDS}`);
    console.log(`bare_ms=${bareMs.toFixed(0)} bare_mib_s=${mibs(bareMs)} bare_cpu_ms=${median(bares.map((s) => s.cpu)).toFixed(0)}`);
    console.log(`download_ms=${managedMs.toFixed(0)} download_mib_s=${mibs(managedMs)} download_cpu_ms=${median(manageds.map((s) => s.cpu)).toFixed(0)}`);
    console.log(`download_vs_bare_ratio=${(bareMs / managedMs).toFixed(2)}`);
    // Time to first frame of an offline lecture needs Chromium and the app origin; the lead measures it.
    console.log('offline_ttff_ms=n/a');
  } finally {
    hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
