import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager, downloadKeyAccount, type DownloadEvent, type DownloadManagerOptions } from '../../../main/services/downloads/download-manager';
import { decryptor } from '../../../main/services/downloads/segment-cipher';
import { createOfflineMediaHandler } from '../../../main/services/offline-media/offline-media-handler';
import { fileTree, LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-dl-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let run = 0;

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});
afterEach(() => {
  hub.intercept = null;
});

interface Setup {
  manager: DownloadManager;
  db: Database;
  library: string;
  dataDir: string;
  secrets: ReturnType<typeof createMemorySecretStore>;
  events: DownloadEvent[];
}

function setup(extra: Partial<DownloadManagerOptions> = {}): Setup {
  const dataDir = path.join(tmp.dir, `data-${++run}`);
  const db = openDatabase(dataDir, migrations);
  const library = path.join(dataDir, 'library');
  const secrets = createMemorySecretStore();
  const events: DownloadEvent[] = [];
  const manager = new DownloadManager({
    db,
    libraryDir: library,
    secrets,
    onEvent: (e) => events.push(e),
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    freeBytes: async () => 1e12,
    ...extra,
  });
  return { manager, db, library, dataDir, secrets, events };
}

const add = (s: Setup, quality: Parameters<DownloadManager['add']>[0]['quality'] = { kind: 'highest' }) =>
  s.manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality });

function hubFile(name: string): Buffer {
  return fs.readFileSync(path.join(hubRoot, MEDIA_DIR, name));
}

async function keyOf(s: Setup, id: string): Promise<Buffer> {
  return Buffer.from((await s.secrets.get(downloadKeyAccount(id))) ?? '', 'hex');
}

function decrypt(file: string, key: Buffer, ivHex: string): Buffer {
  const d = decryptor(key, Buffer.from(ivHex, 'hex'));
  return Buffer.concat([d.update(fs.readFileSync(file)), d.final()]);
}

describe('downloading a lecture', () => {
  it('downloads the highest quality with its audio, encrypted on disk, and serves it through the media route', async () => {
    const s = setup();
    const planned = await add(s);
    expect(planned).toMatchObject({ state: 'queued', quality: '360p', filesTotal: 9, filesDone: 0 });
    expect(planned.totalBytes).toBe([0, 1, 2, 3].reduce((n, i) => n + hubFile(`stream_0_00${i}.ts`).byteLength, 0) + [0, 1, 2, 3, 4].reduce((n, i) => n + hubFile(`stream_2_00${i}.ts`).byteLength, 0));

    await s.manager.start(planned.id);
    const done = s.manager.get(planned.id);
    expect(done).toMatchObject({ state: 'completed', filesDone: 9, doneBytes: planned.totalBytes, error: null });
    expect(s.events.some((e) => e.type === 'state' && e.state === 'completed')).toBe(true);
    expect(s.events.at(-1)).toMatchObject({ type: 'progress', doneBytes: planned.totalBytes });
    expect(fileTree(s.library)).toEqual([planned.id, ...Array.from({ length: 9 }, (_, i) => `${planned.id}/${i}.seg`)].sort());

    const origin = 'lectern://app';
    const media = createOfflineMediaHandler({ source: s.manager.mediaSource(), libraryDir: s.library, appOrigin: origin });
    const get = (p: string, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) => media(new Request(`${origin}/media/${planned.id}/${p}`, { headers }));
    const master = await (await get('master.m3u8')).text();
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="audio"');
    expect(master).toContain('URI="audio.m3u8"');
    const video = await (await get('video.m3u8')).text();
    expect(video).toMatch(/^#EXTM3U\n/);
    expect(video).toContain('#EXT-X-ENDLIST');
    const ivs = [...video.matchAll(/IV=0x([0-9a-f]{32})\n#EXTINF:[\d.]+,\nfiles\/(\d+)/g)].map((m) => ({ iv: m[1] ?? '', index: Number(m[2]) }));
    expect(ivs).toHaveLength(4);
    expect(new Set(ivs.map((i) => i.iv)).size).toBe(4);

    const key = new Uint8Array(await (await get('key')).arrayBuffer());
    expect(Buffer.from(key)).toEqual(await keyOf(s, planned.id));
    expect((await get('key', {})).status).toBe(403);

    // Every stored segment is ciphertext that decrypts to the hub's bytes.
    for (const [n, { iv, index }] of ivs.entries()) {
      const stored = Buffer.from(await (await get(`files/${index}`)).arrayBuffer());
      // Buffer.equals, not toEqual: a deep compare of 100 KB buffers takes vitest hundreds of ms.
      expect(stored.equals(hubFile(`stream_0_00${n}.ts`))).toBe(false);
      const d = decryptor(Buffer.from(key), Buffer.from(iv, 'hex'));
      expect(Buffer.concat([d.update(stored), d.final()]).equals(hubFile(`stream_0_00${n}.ts`))).toBe(true);
    }
    s.db.close();
  });

  it('leaves files on disk that do not play without the key (ffprobe), while the decrypted bytes do', async () => {
    const s = setup();
    const { id } = await add(s, { kind: 'height', height: 180 });
    await s.manager.start(id);
    const video = s.manager.mediaSource().playlist(id, 'video') as string;
    const m = /IV=0x([0-9a-f]{32})\n#EXTINF:[\d.]+,\nfiles\/(\d+)/.exec(video);
    const stored = path.join(s.library, id, `${m?.[2]}.seg`);
    const probe = (file: string) => spawnSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    const encrypted = probe(stored);
    expect(encrypted.status !== 0 || encrypted.stdout.trim() === '', `ffprobe decoded ciphertext: ${encrypted.stdout}`).toBe(true);
    const plain = path.join(tmp.dir, `plain-${id}.ts`);
    fs.writeFileSync(plain, decrypt(stored, await keyOf(s, id), m?.[1] ?? ''));
    const decrypted = probe(plain);
    expect(decrypted.status).toBe(0);
    expect(decrypted.stdout).toContain('h264');
    s.db.close();
  });

  it('picks the quality: a height, or the best that fits a byte budget', async () => {
    const s = setup();
    const low = await add(s, { kind: 'height', height: 200 });
    expect(low.quality).toBe('180p');
    await s.manager.remove(low.id);
    const fits = await add(s, { kind: 'fits', maxBytes: low.totalBytes + 1 });
    expect(fits.quality).toBe('180p');
    await s.manager.remove(fits.id);
    await expect(add(s, { kind: 'fits', maxBytes: 1000 })).rejects.toThrow(/smallest quality of "Sampling" needs .* more than the 1 KB allowed/);
    // ffmpeg's audio-only "variant" would fit 100 KB, but a lecture is not downloaded without its video.
    await expect(add(s, { kind: 'fits', maxBytes: 100_000 })).rejects.toThrow(/smallest quality of "Sampling" needs/);
    s.db.close();
  });

  it('downloads several qualities with the audio once, and the local master lists each of them', async () => {
    const s = setup();
    const planned = await add(s, { kind: 'all' });
    expect(planned).toMatchObject({ quality: '360p, 180p', filesTotal: 13 });
    const ts = (stream: number, n: number) => Array.from({ length: n }, (_, i) => hubFile(`stream_${stream}_00${i}.ts`).byteLength).reduce((a, b) => a + b, 0);
    expect(planned.totalBytes).toBe(ts(0, 4) + ts(1, 4) + ts(2, 5));
    await s.manager.start(planned.id);
    expect(s.manager.get(planned.id)).toMatchObject({ state: 'completed', filesDone: 13 });
    const source = s.manager.mediaSource();
    const master = source.playlist(planned.id, 'master') as string;
    expect(master.match(/#EXT-X-STREAM-INF:.*\n.*/g)).toEqual([
      '#EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",AUDIO="audio"\nvideo0.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=400400,RESOLUTION=320x180,CODECS="avc1.42c00d,mp4a.40.2",AUDIO="audio"\nvideo1.m3u8',
    ]);
    expect(master.match(/TYPE=AUDIO/g)).toHaveLength(1);
    const files = (name: string) => [...(source.playlist(planned.id, name) as string).matchAll(/^files\/(\d+)$/gm)].map((m) => Number(m[1]));
    const [high, low, audio] = [files('video0'), files('video1'), files('audio')];
    expect([high.length, low.length, audio.length]).toEqual([4, 4, 5]);
    expect(new Set([...high, ...low, ...audio]).size).toBe(13);
    s.db.close();
  });

  it('checks the disk for every chosen quality, not just the best', async () => {
    const probe = setup();
    const one = await add(probe, { kind: 'highest' });
    probe.db.close();
    // Room for the best quality alone (ciphertext included), not for both.
    const s = setup({ freeBytes: async () => 100 * 1024 * 1024 + one.totalBytes + 64 * 1024, reserveBytes: 100 * 1024 * 1024 });
    await expect(add(s, { kind: 'heights', heights: [360, 180] })).rejects.toThrow(/Not enough disk space for "Sampling"/);
    expect((await add(s, { kind: 'heights', heights: [360] })).quality).toBe('360p');
    s.db.close();
  });

  it('refuses a second download of the same lecture', async () => {
    const s = setup();
    await add(s);
    await expect(add(s)).rejects.toThrow(/already downloaded or downloading/);
    s.db.close();
  });

  it('retries 5xx answers and dropped connections with backoff and completes', async () => {
    const s = setup();
    const { id } = await add(s);
    hub.intercept = (req, res, n) => {
      if (!req.url?.endsWith('.ts')) return false;
      if (n === 1) return void res.writeHead(503).end(), true;
      if (n === 2 && req.url.includes('_001')) {
        // A connection that drops mid-body.
        res.writeHead(200, { 'content-length': '100000' });
        res.write(Buffer.alloc(10), () => res.destroy());
        return true;
      }
      return false;
    };
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    expect((await s.manager.verify(id)).refetch).toBe(0);
    s.db.close();
  });

  it('fails with the status when the hub keeps answering 5xx, and names the file for a 404', async () => {
    const s = setup();
    const { id } = await add(s);
    hub.intercept = (req, res) => (req.url?.endsWith('stream_0_002.ts') ? (res.writeHead(500).end(), true) : false);
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'failed' });
    expect(s.manager.get(id).error).toMatch(/answered 500 for \/hub\/media\/lecture1\/stream_0_002.ts.*gave up after 4 attempts/);
    hub.intercept = (req, res) => (req.url?.endsWith('stream_0_002.ts') ? (res.writeHead(404).end(), true) : false);
    await s.manager.start(id);
    expect(s.manager.get(id).error).toMatch(/answered 404 for \/hub\/media\/lecture1\/stream_0_002.ts\.$/);
    hub.intercept = null;
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    s.db.close();
  });

  it('pauses and resumes without fetching finished files again', async () => {
    const s = setup({ concurrency: 1 });
    const { id } = await add(s);
    let served = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    hub.intercept = (req) => {
      if (!req.url?.endsWith('.ts')) return false;
      served++;
      if (served === 4) {
        // Hold the fourth file until the test has paused.
        void gate.then(() => {});
        return true;
      }
      return false;
    };
    const running = s.manager.start(id);
    while (s.manager.get(id).filesDone < 3) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    await s.manager.pause(id);
    await running;
    release();
    expect(s.manager.get(id)).toMatchObject({ state: 'paused', filesDone: 3 });
    hub.intercept = null;
    const before = hub.requests.length;
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    expect(hub.requests.slice(before).filter((r) => r.endsWith('.ts'))).toHaveLength(6);
    expect(fileTree(path.join(s.library, id)).some((f) => f.endsWith('.part'))).toBe(false);
    s.db.close();
  });

  it('detects a truncated or corrupted file with verify and fetches it again', async () => {
    const s = setup();
    const { id } = await add(s);
    await s.manager.start(id);
    const f3 = path.join(s.library, id, '3.seg');
    const f5 = path.join(s.library, id, '5.seg');
    fs.truncateSync(f3, 1000);
    const bytes = fs.readFileSync(f5);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    fs.writeFileSync(f5, bytes);
    expect(await s.manager.verify(id)).toEqual({ checked: 9, refetch: 2 });
    expect(s.manager.get(id)).toMatchObject({ state: 'paused', filesDone: 7 });
    expect(s.manager.get(id).error).toMatch(/2 file\(s\) were damaged/);
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    expect(await s.manager.verify(id)).toEqual({ checked: 9, refetch: 0 });
    s.db.close();
  });

  it('refuses to start when the disk is too small, with the size it needs', async () => {
    const s = setup({ freeBytes: async () => 100 * 1024 * 1024 + 1000 });
    await expect(add(s)).rejects.toThrow(/Not enough disk space for "Sampling": it needs .* KB and the disk holding .* has 1 KB to spare/);
    expect(s.manager.list()).toEqual([]);
    expect(s.secrets.entries.size).toBe(0);
    s.db.close();
  });

  it('stops with a clear error when the disk fills up mid-way, and resumes once there is room', async () => {
    let writes = 0;
    let full = true;
    const s = setup({
      concurrency: 1,
      openForWrite: async (file) => {
        const handle = await fs.promises.open(file, 'w');
        const failing = full && ++writes > 3;
        return {
          write: async (chunks: Buffer[]) => {
            if (failing) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            await handle.writev(chunks);
          },
          close: () => handle.close(),
        };
      },
    });
    const { id } = await add(s);
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'failed', filesDone: 3 });
    expect(s.manager.get(id).error).toMatch(/The disk holding .* is full\. Free up space, then resume the download\./);
    full = false;
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    s.db.close();
  });

  it('removes the files, the rows and the key', async () => {
    const s = setup();
    const { id } = await add(s);
    await s.manager.start(id);
    expect(s.secrets.entries.has(downloadKeyAccount(id))).toBe(true);
    await s.manager.remove(id);
    expect(fileTree(s.library)).toEqual([]);
    expect(s.manager.list()).toEqual([]);
    expect(s.secrets.entries.size).toBe(0);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM download_files').get()).toEqual({ n: 0 });
    expect(await s.manager.mediaSource().key(id)).toBeNull();
    s.db.close();
  });

  it('serves the playlists and key of an unfinished download, but no file it has not verified', async () => {
    const s = setup();
    const { id } = await add(s);
    const source = s.manager.mediaSource();
    expect(source.playlist(id, 'master')).toContain('#EXTM3U');
    expect(await source.key(id)).toHaveLength(16);
    // Not running: nothing is coming, so no waiting either.
    expect(await source.filePath(id, 0)).toBeNull();
    expect(source.fetching?.(id)).toBe(false);
    expect(source.playlist('f'.repeat(32), 'master')).toBeNull();
    expect(await source.key('f'.repeat(32))).toBeNull();
    s.db.close();
  });

  it('follows a redirect that stays under the hub base and refuses one that leaves it', async () => {
    const s = setup();
    const { id } = await add(s);
    hub.intercept = (req, res) => {
      if (req.url?.endsWith('stream_0_000.ts')) return void res.writeHead(302, { location: 'stream_0_000.ts?moved=1' }).end(), true;
      return false;
    };
    await s.manager.start(id);
    expect(s.manager.get(id).error).toMatch(/Redirect from \/hub\/media\/lecture1\/stream_0_000.ts.*has a query string/);
    hub.intercept = (req, res) => {
      if (req.url?.endsWith('stream_0_000.ts')) return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end(), true;
      return false;
    };
    await s.manager.start(id);
    expect(s.manager.get(id).error).toMatch(/points at another server \(169\.254\.169\.254\)/);
    hub.intercept = (req, res) => {
      if (req.url?.endsWith('/moved/stream_0_000.ts')) {
        const data = hubFile('stream_0_000.ts');
        res.writeHead(200, { 'content-length': data.byteLength }).end(data);
        return true;
      }
      if (req.url?.endsWith('/stream_0_000.ts')) return void res.writeHead(301, { location: '/hub/media/lecture1/moved/stream_0_000.ts' }).end(), true;
      return false;
    };
    await s.manager.start(id);
    expect(s.manager.get(id)).toMatchObject({ state: 'completed', error: null });
    s.db.close();
  });
});

describe('several downloads', () => {
  const until = async (cond: () => boolean) => {
    while (!cond()) await new Promise((r) => setTimeout(r, 5));
  };
  /** Holds every segment request until the returned release is called. */
  const holdSegments = (target: Hub, root: string) => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    target.intercept = (req, res) => {
      if (!req.url?.endsWith('.ts')) return false;
      const data = fs.readFileSync(path.join(root, decodeURIComponent(req.url).slice('/hub/'.length)));
      void gate.then(() => res.writeHead(200, { 'content-length': data.byteLength }).end(data));
      return true;
    };
    return () => release();
  };

  it('fetches one download at a time and queues the others in the order they were started', async () => {
    const otherRoot = path.join(tmp.dir, 'hub-b');
    fs.cpSync(hubRoot, otherRoot, { recursive: true });
    const other = await serveHub(otherRoot);
    try {
      const s = setup();
      const a = await add(s);
      const b = await s.manager.add({ hubBaseUrl: other.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
      const release = holdSegments(hub, hubRoot);
      const seen = hub.requests.length;
      const runs = [s.manager.start(a.id), s.manager.start(b.id)];
      await until(() => hub.requests.slice(seen).some((r) => r.endsWith('.ts')));
      expect(s.manager.get(a.id).state).toBe('downloading');
      expect(s.manager.get(b.id).state).toBe('queued');
      expect(other.requests.filter((r) => r.endsWith('.ts'))).toEqual([]);
      release();
      await Promise.all(runs);
      expect([s.manager.get(a.id).state, s.manager.get(b.id).state]).toEqual(['completed', 'completed']);
      const order = s.events.filter((e) => e.type === 'state' && e.state !== 'queued').map((e) => `${e.id === a.id ? 'a' : 'b'}:${e.type === 'state' ? e.state : ''}`);
      expect(order).toEqual(['a:downloading', 'a:completed', 'b:downloading', 'b:completed']);
      s.db.close();
    } finally {
      await other.close();
    }
  });

  it('pausing a queued download takes it out of the queue', async () => {
    const otherRoot = path.join(tmp.dir, 'hub-c');
    fs.cpSync(hubRoot, otherRoot, { recursive: true });
    const other = await serveHub(otherRoot);
    try {
      const s = setup();
      const a = await add(s);
      const b = await s.manager.add({ hubBaseUrl: other.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
      const release = holdSegments(hub, hubRoot);
      const runA = s.manager.start(a.id);
      const runB = s.manager.start(b.id);
      await until(() => s.manager.get(b.id).state === 'queued');
      await s.manager.pause(b.id);
      await runB;
      expect(s.manager.get(b.id).state).toBe('paused');
      release();
      await runA;
      expect(s.manager.get(a.id).state).toBe('completed');
      expect(other.requests.filter((r) => r.endsWith('.ts'))).toEqual([]);
      s.db.close();
    } finally {
      await other.close();
    }
  });

  it('plays while downloading: the file the player asks for is fetched next, and the route says "retry" until it lands', async () => {
    const s = setup({ concurrency: 1, fileWaitMs: 5_000 });
    const { id } = await add(s);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const fetched: string[] = [];
    hub.intercept = (req, res) => {
      if (!req.url?.endsWith('.ts')) return false;
      fetched.push(path.basename(req.url));
      const data = fs.readFileSync(path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length)));
      // The first segment is held until the player has asked for a later one.
      void (fetched.length === 1 ? gate : Promise.resolve()).then(() => res.writeHead(200, { 'content-length': data.byteLength }).end(data));
      return true;
    };
    const run = s.manager.start(id);
    await until(() => fetched.length === 1);
    const files = s.db.prepare('SELECT idx, hub_path FROM download_files WHERE download_id = ? ORDER BY idx').all(id) as { idx: number; hub_path: string }[];
    const wanted = files.find((f) => f.hub_path.endsWith('stream_0_003.ts'));
    if (!wanted) throw new Error('fixture has no stream_0_003.ts');

    const handler = createOfflineMediaHandler({ source: s.manager.mediaSource(), libraryDir: s.library, appOrigin: 'http://app' });
    const url = `http://app/media/${id}/files/${wanted.idx}`;
    // The player gives up while the first segment is held: it is told to retry, not that the file is gone.
    const early = await handler(new Request(url, { signal: AbortSignal.timeout(100) }));
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');

    const waiting = s.manager.mediaSource().filePath(id, wanted.idx);
    release();
    expect(await waiting).toBe(path.join(s.library, id, `${wanted.idx}.seg`));
    // Moved to the front: fetched right after the held one, before the segments between them.
    expect(fetched[1]).toBe('stream_0_003.ts');
    expect((await handler(new Request(url))).status).toBe(200);
    await run;
    expect(s.manager.get(id).state).toBe('completed');
    s.db.close();
  });

  it('"download next" puts a waiting download first and the running one steps back, keeping what it fetched', async () => {
    const hubs = await Promise.all(
      ['hub-d', 'hub-e'].map(async (name) => {
        const root = path.join(tmp.dir, name);
        fs.cpSync(hubRoot, root, { recursive: true });
        return { root, hub: await serveHub(root) };
      }),
    );
    try {
      const s = setup();
      const a = await add(s);
      const [b, c] = await Promise.all(hubs.map((h) => s.manager.add({ hubBaseUrl: h.hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } })));
      if (!b || !c) throw new Error('two more downloads expected');
      let releaseA: () => void = () => {};
      const gateA = new Promise<void>((r) => (releaseA = r));
      let servedA = 0;
      hub.intercept = (req, res) => {
        if (!req.url?.endsWith('.ts')) return false;
        const data = fs.readFileSync(path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length)));
        // Two segments land, the rest hang until released (or the request is dropped by the preemption).
        void (servedA++ < 2 ? Promise.resolve() : gateA).then(() => !res.destroyed && res.writeHead(200, { 'content-length': data.byteLength }).end(data));
        return true;
      };
      const seen = hub.requests.length;
      const runA = s.manager.start(a.id);
      void s.manager.start(b.id);
      void s.manager.start(c.id);
      await until(() => s.manager.get(a.id).filesDone >= 2 && s.manager.get(c.id).state === 'queued');

      const raised = s.manager.prioritize(c.id);
      expect(raised.id).toBe(c.id);
      await until(() => s.manager.get(c.id).state === 'downloading' || s.manager.get(c.id).state === 'completed');
      expect(s.manager.get(a.id).state).toBe('queued');
      // Raising the one already first does not grow the number.
      s.manager.prioritize(c.id);
      expect(s.db.prepare('SELECT priority FROM downloads WHERE id = ?').get(c.id)).toEqual({ priority: 1 });
      releaseA();
      await runA;

      const finished = s.events.filter((e) => e.type === 'state' && e.state === 'completed').map((e) => (e.id === a.id ? 'a' : e.id === b.id ? 'b' : 'c'));
      // c first; then a (older than b, same priority) picks up where it stopped; then b.
      expect(finished).toEqual(['c', 'a']);
      await until(() => s.manager.get(b.id).state === 'completed');
      expect(s.manager.get(a.id).filesDone).toBe(9);
      // The two segments verified before a stepped back were not fetched again.
      const aSegments = hub.requests.slice(seen).filter((r) => r.endsWith('.ts'));
      expect(new Set(aSegments).size).toBe(9);
      for (const first of aSegments.slice(0, 2)) expect(aSegments.filter((r) => r === first)).toHaveLength(1);
      s.db.close();
    } finally {
      await Promise.all(hubs.map((h) => h.hub.close()));
    }
  });

  it('close() stops what is running and resumeInterrupted() continues it in a new manager', async () => {
    const s = setup();
    const { id } = await add(s);
    const release = holdSegments(hub, hubRoot);
    const seen = hub.requests.length;
    const run = s.manager.start(id);
    await until(() => hub.requests.slice(seen).some((r) => r.endsWith('.ts')));
    await s.manager.close();
    await run;
    release();
    expect(s.manager.get(id).state).toBe('downloading');
    hub.intercept = null;
    const again = new DownloadManager({ db: s.db, libraryDir: s.library, secrets: s.secrets, freeBytes: async () => 1e12 });
    await Promise.all(again.resumeInterrupted());
    expect(again.get(id)).toMatchObject({ state: 'completed', filesDone: 9 });
    s.db.close();
  });
});

describe('the test media itself', () => {
  it('is real H.264/AAC HLS (so the ffprobe check above means something)', () => {
    const out = execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', path.join(hubRoot, MEDIA_DIR, 'stream_0_000.ts')], { encoding: 'utf8' });
    expect(out).toContain('h264');
  });
});
