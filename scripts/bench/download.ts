// npm run bench:download — how much the download manager's bookkeeping (SQLite rows, sha256, AES,
// verify-then-rename) costs against a bare fetch-and-write of the same URLs at the same concurrency.
// A 60-minute lecture: 900 segments of 100–500 KiB of synthetic bytes (only transfer is measured),
// served on loopback by a separate process (as a real hub is remote), so this process's CPU time is the
// client's alone. Runs alternate bare/manager to spread machine noise; medians are compared.
// Then offline playback in Debian's Chromium: a real ffmpeg lecture is downloaded (encrypted), the hub
// is stopped, and hls.js plays it from the media route on the page's own origin: time to first frame
// (loadSource → first decoded frame painted) and seek latency (seeking → seeked), medians of several runs.
// BENCH_SEGMENTS, BENCH_ROUNDS and BENCH_PLAY_SECONDS (length of the playback lecture) override the defaults.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getRequestListener } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { createMemorySecretStore } from '../../main/services/credentials/secret-store';
import { openDatabase } from '../../main/services/db/database';
import { migrations } from '../../main/services/db/migrations';
import { DownloadManager } from '../../main/services/downloads/download-manager';
import { createOfflineMediaHandler } from '../../main/services/offline-media/offline-media-handler';
import { LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeFfmpegPackage, writeSyntheticPackage } from '../../tests/helpers/hls-fixture';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 900);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 6;
const PLAY_SECONDS = Number(process.env.BENCH_PLAY_SECONDS ?? 60);
const PLAY_RUNS = 5;
const CHROMIUM = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';

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

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
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

    const bareMs = median(bares.map((s) => s.ms));
    const managedMs = median(manageds.map((s) => s.ms));
    const mibs = (ms: number) => (totalBytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
    console.log(`segments=${SEGMENTS} bytes=${totalBytes} concurrency=${CONCURRENCY} rounds=${ROUNDS}`);
    console.log(`bare_ms=${bareMs.toFixed(0)} bare_mib_s=${mibs(bareMs)} bare_cpu_ms=${median(bares.map((s) => s.cpu)).toFixed(0)}`);
    console.log(`download_ms=${managedMs.toFixed(0)} download_mib_s=${mibs(managedMs)} download_cpu_ms=${median(manageds.map((s) => s.cpu)).toFixed(0)}`);
    console.log(`download_vs_bare_ratio=${(bareMs / managedMs).toFixed(2)}`);
    const playback = await offlinePlayback(work);
    console.log(`play_lecture_sec=${PLAY_SECONDS} play_runs=${PLAY_RUNS} ttff_runs_ms=${playback.ttff.map((x) => x.toFixed(0)).join(',')} seek_runs_ms=${playback.seeks.map((x) => x.toFixed(0)).join(',')}`);
    console.log(`seek_ms=${median(playback.seeks).toFixed(0)}`);
    console.log(`offline_ttff_ms=${median(playback.ttff).toFixed(0)}`);
  } finally {
    hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Page code as a string: this project type-checks without DOM types. `measure()` loads the lecture, waits
// for the first frame painted, then seeks to a few places; all times are performance.now() deltas.
function playerPage(src: string): string {
  return `<!doctype html><video id=v muted></video><script src="/hls.js"></script><script>
  window.measure = (seekTo) => new Promise((resolve, reject) => {
    const v = document.getElementById('v');
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (_e, d) => d.fatal && reject(new Error(d.details)));
    hls.on(Hls.Events.MANIFEST_PARSED, () => v.play());
    const t0 = performance.now();
    v.requestVideoFrameCallback(async () => {
      const ttff = performance.now() - t0;
      const seeks = [];
      for (const t of seekTo) {
        const s0 = performance.now();
        await new Promise((done) => { v.addEventListener('seeked', done, { once: true }); v.currentTime = t; });
        seeks.push(performance.now() - s0);
      }
      resolve({ ttff, seeks });
    });
    hls.loadSource(${JSON.stringify(src)});
    hls.attachMedia(v);
  });
</script>`;
}

/** Downloads a real lecture, stops its hub, and plays it offline in Chromium a few times. */
async function offlinePlayback(work: string): Promise<{ ttff: number[]; seeks: number[] }> {
  const hubRoot = path.join(work, 'play-hub');
  writeFfmpegPackage(hubRoot, { seconds: PLAY_SECONDS });
  const hub = await serveHub(hubRoot);
  const dataDir = path.join(work, 'play-data');
  const db = openDatabase(dataDir, migrations);
  const libraryDir = path.join(dataDir, 'library');
  const manager = new DownloadManager({ db, libraryDir, secrets: createMemorySecretStore() });
  let server: http.Server | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
    await manager.start(id);
    await hub.close();
    let appOrigin = '';
    const hlsJs = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/hls.js/dist/hls.min.js'));
    server = http.createServer(
      getRequestListener(async (req) => {
        const { pathname } = new URL(req.url);
        if (pathname.startsWith('/media/')) return createOfflineMediaHandler({ source: manager.mediaSource(), libraryDir, appOrigin })(req);
        if (pathname === '/hls.js') return new Response(hlsJs, { headers: { 'content-type': 'text/javascript' } });
        return new Response(playerPage(`/media/${id}/master.m3u8`), { headers: { 'content-type': 'text/html' } });
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ttff: number[] = [];
    const seeks: number[] = [];
    const spots = [0.5, 0.25, 0.8, 0.1, 0.6].map((f) => Math.round(PLAY_SECONDS * f * 10) / 10);
    for (let run = 0; run < PLAY_RUNS; run++) {
      // A fresh page each run: nothing cached in the player between runs.
      const tab = await browser.newPage();
      await tab.goto(`${appOrigin}/`);
      const r = (await tab.evaluate(`window.measure(${JSON.stringify(spots)})`)) as { ttff: number; seeks: number[] };
      ttff.push(r.ttff);
      seeks.push(...r.seeks);
      await tab.close();
    }
    return { ttff, seeks };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await manager.close();
    db.close();
  }
}
