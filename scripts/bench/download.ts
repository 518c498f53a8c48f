// npm run bench:download — how much the download manager's bookkeeping (SQLite rows, sha256, AES,
// verify-then-rename) costs against a bare fetch-and-write of the same URLs at the same concurrency.
// A 60-minute lecture: 900 segments of 100–500 KiB of synthetic bytes (only transfer is measured),
// served from loopback. Runs alternate bare/manager to spread machine noise; medians are compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createMemorySecretStore } from '../../main/services/credentials/secret-store';
import { openDatabase } from '../../main/services/db/database';
import { migrations } from '../../main/services/db/migrations';
import { downloadsMigration } from '../../main/services/db/migrations/0004-downloads';
import { DownloadManager } from '../../main/services/downloads/download-manager';
import { LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeSyntheticPackage } from '../../tests/helpers/hls-fixture';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 900);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 6;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-dl-'));
try {
  const hubRoot = path.join(work, 'hub');
  writeSyntheticPackage(hubRoot, { segments: SEGMENTS, minBytes: 100 * 1024, maxBytes: 500 * 1024 });
  const totalBytes = fs.readdirSync(path.join(hubRoot, MEDIA_DIR)).reduce((n, f) => n + fs.statSync(path.join(hubRoot, MEDIA_DIR, f)).size, 0);
  const hub = await serveHub(hubRoot);
  const documents = [MANIFEST_PATH, `${MEDIA_DIR}/master.m3u8`, `${MEDIA_DIR}/video.m3u8`];
  const segments = Array.from({ length: SEGMENTS }, (_, i) => `${MEDIA_DIR}/seg_${i}.ts`);

  /** The baseline: the same URLs, the same concurrency, straight to disk, no bookkeeping at all. */
  async function bare(dir: string): Promise<number> {
    fs.mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
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
    return performance.now() - t0;
  }

  async function managed(dir: string): Promise<number> {
    const db = openDatabase(dir, [...migrations, downloadsMigration]);
    const manager = new DownloadManager({ db, libraryDir: path.join(dir, 'library'), secrets: createMemorySecretStore(), concurrency: CONCURRENCY });
    const t0 = performance.now();
    const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
    await manager.start(id);
    const ms = performance.now() - t0;
    const s = manager.get(id);
    db.close();
    if (s.state !== 'completed') throw new Error(`The managed download ended ${s.state}: ${s.error ?? ''}`);
    return ms;
  }

  const bareMs: number[] = [];
  const managedMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bareMs.push(await bare(path.join(work, `bare-${r}`)));
    fs.rmSync(path.join(work, `bare-${r}`), { recursive: true });
    managedMs.push(await managed(path.join(work, `managed-${r}`)));
    fs.rmSync(path.join(work, `managed-${r}`), { recursive: true });
    console.error(`round ${r + 1}: bare ${bareMs[r]?.toFixed(0)} ms, manager ${managedMs[r]?.toFixed(0)} ms`);
  }
  await hub.close();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const mbps = (ms: number) => (totalBytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
  console.log(`segments=${SEGMENTS} bytes=${totalBytes} concurrency=${CONCURRENCY} rounds=${ROUNDS}`);
  console.log(`bare_ms=${median(bareMs).toFixed(0)} bare_mib_s=${mbps(median(bareMs))}`);
  console.log(`download_ms=${median(managedMs).toFixed(0)} download_mib_s=${mbps(median(managedMs))}`);
  console.log(`download_vs_bare_ratio=${(median(bareMs) / median(managedMs)).toFixed(2)}`);
  // Time to first frame of an offline lecture needs Chromium and the app origin; the lead measures it.
  console.log('offline_ttff_ms=n/a');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
