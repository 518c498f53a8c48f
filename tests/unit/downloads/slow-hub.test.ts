import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchCatalog } from '../../../main/services/catalog/hub-documents';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager, type DownloadEvent } from '../../../main/services/downloads/download-manager';
import { planDownload } from '../../../main/services/downloads/plan';
import { StallError, type StallPolicy } from '../../../main/services/downloads/stall-guard';
import { LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeSyntheticPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * Hubs that answer slowly: no headers, a body that stops after the first kilobyte, and a 20 bytes/s
 * trickle. Deadlines are scaled down (real ones: 30 s without a byte, under 1 KB/s for 60 s) so each case
 * reports in well under two seconds; what is asserted is the kind of message and that it comes in bounded time.
 */
const POLICY: StallPolicy = { headersMs: 400, idleMs: 400, minBytesPerSec: 1000, slowWindowMs: 800 };
const BOUND_MS = 2500;

const tmp = tempDir('lectern-slow-hub-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  writeSyntheticPackage(hubRoot, { segments: 3, minBytes: 4000, maxBytes: 8000 });
  fs.writeFileSync(path.join(hubRoot, 'catalog.json'), JSON.stringify({ courses: [] }));
  hub = await serveHub(hubRoot);
});
afterEach(() => {
  hub.intercept = null;
  timers.forEach((t) => clearInterval(t));
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});

type Behaviour = 'no-headers' | 'stall-after-1k' | 'trickle';

/** Answers matching requests (the first `times` of them) badly; the rest are served normally. */
function misbehave(suffix: string, how: Behaviour, times = Infinity): void {
  let n = 0;
  hub.intercept = (req, res) => {
    if (!req.url?.endsWith(suffix) || ++n > times) return false;
    const body = fs.readFileSync(path.join(hubRoot, decodeURIComponent(req.url.slice('/hub/'.length))));
    if (how === 'no-headers') return true; // accepts, never answers
    res.writeHead(200, { 'content-length': body.byteLength });
    if (how === 'stall-after-1k') return (res.write(body.subarray(0, 1024)), true);
    let i = 0;
    const t = setInterval(() => (i < body.byteLength ? res.write(body.subarray(i, ++i)) : (clearInterval(t), res.end())), 50);
    timers.add(t);
    res.on('close', () => clearInterval(t));
    return true;
  };
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; err: unknown }> {
  const start = Date.now();
  try {
    await p;
    return { ms: Date.now() - start, err: null };
  } catch (err) {
    return { ms: Date.now() - start, err };
  }
}

const never = () => new AbortController().signal;

describe('catalog documents from a slow hub', () => {
  it.each([
    ['no-headers', /The hub catalog \(catalog\.json\) from 127\.0\.0\.1:\d+ got no answer: the hub accepted the connection but sent nothing for/],
    ['stall-after-1k', /The hub catalog \(catalog\.json\) from 127\.0\.0\.1:\d+ stalled: no data for [\d.]+ s after 1024 bytes\./],
    ['trickle', /The hub catalog \(catalog\.json\) from 127\.0\.0\.1:\d+ is too slow: \d+ bytes\/s over/],
  ] as const)('%s: says what happened, in bounded time, never "The connection dropped"', async (how, message) => {
    fs.writeFileSync(path.join(hubRoot, 'catalog.json'), JSON.stringify({ courses: [], padding: 'x'.repeat(3000) }));
    misbehave('catalog.json', how);
    const { ms, err } = await timed(fetchCatalog(new URL(hub.url), never(), fetch, POLICY));
    expect(err).toBeInstanceOf(StallError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/connection dropped/);
    expect(ms).toBeLessThan(BOUND_MS);
    console.info(`catalog ${how}: message after ${ms} ms`);
  });
});

describe('download planning from a slow hub', () => {
  it.each(['no-headers', 'trickle'] as const)('%s on the master playlist: refused with a specific message in bounded time', async (how) => {
    misbehave('master.m3u8', how);
    const req = { base: new URL(hub.url), manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' as const } };
    const { ms, err } = await timed(planDownload(req, never(), fetch, undefined, POLICY));
    expect((err as Error).message).toMatch(how === 'trickle' ? /media\/lecture1\/master\.m3u8 from .* is too slow/ : /master\.m3u8 from .* got no answer/);
    expect(ms).toBeLessThan(BOUND_MS);
    console.info(`playlist ${how}: message after ${ms} ms`);
  });
});

describe('segment downloads from a slow hub', () => {
  it.each(['no-headers', 'stall-after-1k', 'trickle'] as const)('%s: a retry notice names the file, the hub and the attempt; the download then completes and verifies', async (how) => {
    const dataDir = path.join(tmp.dir, `data-${how}`);
    const db = openDatabase(dataDir, migrations);
    const events: DownloadEvent[] = [];
    const manager = new DownloadManager({
      db,
      libraryDir: path.join(dataDir, 'library'),
      secrets: createMemorySecretStore(),
      onEvent: (e) => events.push(e),
      retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      freeBytes: async () => 1e12,
      stall: POLICY,
    });
    try {
      const { id } = await manager.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
      misbehave(`${MEDIA_DIR}/seg_1.ts`, how, 1);
      const start = Date.now();
      let noticeAt = 0;
      const done = manager.start(id);
      const seen = setInterval(() => {
        if (!noticeAt && events.some((e) => e.type === 'state' && e.error)) noticeAt = Date.now() - start;
      }, 10);
      await done;
      clearInterval(seen);
      const notice = events.find((e) => e.type === 'state' && e.error);
      const kind = { 'no-headers': 'got no answer', 'stall-after-1k': 'stalled', trickle: 'is too slow' }[how];
      expect(notice).toMatchObject({ state: 'downloading', error: expect.stringMatching(new RegExp(`^${MEDIA_DIR}/seg_1\\.ts from 127\\.0\\.0\\.1:\\d+ ${kind}; retrying in \\d+ s \\(attempt 2 of 4\\)$`)) });
      expect(noticeAt).toBeLessThan(BOUND_MS);
      // Taken down once the retry got the file, before the download completed.
      const after = events.slice(events.indexOf(notice!) + 1).filter((e) => e.type === 'state');
      expect(after[0]).toMatchObject({ state: 'downloading', error: null });
      expect(manager.get(id)).toMatchObject({ state: 'completed', error: null });
      expect(await manager.verify(id)).toMatchObject({ refetch: 0 });
      console.info(`segment ${how}: retry notice after ${noticeAt} ms`);
    } finally {
      await manager.close?.();
      db.close();
    }
  });
});
