import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A hub on disk and on loopback for download tests: an HLS package (real ffmpeg output or synthetic
 * bytes), a course manifest listing every file with size and sha256, and an HTTP server that can be
 * told to misbehave per request.
 */

export const COURSE_ID = 'course1';
export const LECTURE_ID = 'lecture1';
export const MANIFEST_PATH = `courses/${COURSE_ID}/versions/1/course.json`;
export const MEDIA_DIR = `media/${LECTURE_ID}`;

/**
 * A 4 s lecture from ffmpeg lavfi: 360p and 180p H.264 variants with a shared AAC audio rendition, 1 s
 * segments, as MPEG-TS or as fMP4 (with an `#EXT-X-MAP` init section per rendition).
 */
export function writeFfmpegPackage(hubRoot: string, opts: { seconds?: number; segmentType?: 'mpegts' | 'fmp4' } = {}): void {
  const seconds = opts.seconds ?? 4;
  const fmp4 = opts.segmentType === 'fmp4';
  const dir = path.join(hubRoot, MEDIA_DIR);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    '/usr/bin/ffmpeg',
    [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=24:duration=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
      '-filter_complex', '[0:v]split=2[a][b];[b]scale=320:180[b2]',
      '-map', '[a]', '-map', '[b2]', '-map', '1:a',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-threads', '2', '-g', '24', '-keyint_min', '24', '-sc_threshold', '0',
      '-b:v:0', '800k', '-b:v:1', '300k', '-c:a', 'aac', '-b:a', '64k',
      '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod',
      ...(fmp4 ? ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init_%v.mp4'] : []),
      '-hls_segment_filename', path.join(dir, fmp4 ? 'stream_%v_%03d.m4s' : 'stream_%v_%03d.ts'),
      '-master_pl_name', 'master.m3u8',
      '-var_stream_map', 'v:0,agroup:aud v:1,agroup:aud a:0,agroup:aud',
      path.join(dir, 'stream_%v.m3u8'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  writeManifest(hubRoot);
}

/**
 * Synthetic package: one variant of `segments` segments of pseudo-random bytes (only transfer is
 * measured, so the bytes need not be media). Sizes vary between `minBytes` and `maxBytes`.
 */
export function writeSyntheticPackage(hubRoot: string, opts: { segments: number; minBytes?: number; maxBytes?: number; seed?: number }): void {
  const dir = path.join(hubRoot, MEDIA_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const min = opts.minBytes ?? 1000;
  const max = opts.maxBytes ?? 4000;
  let state = opts.seed ?? 1;
  const rand = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:4', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  const block = Buffer.alloc(max);
  for (let i = 0; i < opts.segments; i++) {
    const size = Math.floor(min + rand() * (max - min));
    for (let j = 0; j < size; j += 4) block.writeUInt32LE(Math.floor(rand() * 0xffffffff), Math.min(j, max - 4));
    fs.writeFileSync(path.join(dir, `seg_${i}.ts`), block.subarray(0, size));
    lines.push('#EXTINF:4.000000,', `seg_${i}.ts`);
  }
  lines.push('#EXT-X-ENDLIST', '');
  fs.writeFileSync(path.join(dir, 'video.m3u8'), lines.join('\n'));
  fs.writeFileSync(
    path.join(dir, 'master.m3u8'),
    ['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"', 'video.m3u8', ''].join('\n'),
  );
  writeManifest(hubRoot);
}

export interface ManifestOverrides {
  lecture?: Record<string, unknown>;
  files?: (files: { path: string; size: number; sha256: string }[]) => unknown[];
  root?: Record<string, unknown>;
}

/** Lists every file under the lecture's media folder with its size and sha256. */
export function writeManifest(hubRoot: string, overrides: ManifestOverrides = {}): void {
  const dir = path.join(hubRoot, MEDIA_DIR);
  const files = fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const data = fs.readFileSync(path.join(dir, name));
      return { path: `${MEDIA_DIR}/${name}`, size: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
    });
  const manifest = {
    courseId: COURSE_ID,
    version: 1,
    title: 'Signals <script>alert(1)</script>',
    description: '<img src=x onerror=alert(1)>',
    lectures: [
      {
        id: LECTURE_ID,
        title: 'Sampling',
        durationSec: 4,
        media: { master: `${MEDIA_DIR}/master.m3u8`, files: overrides.files ? overrides.files(files) : files },
        ...overrides.lecture,
      },
    ],
    ...overrides.root,
  };
  const file = path.join(hubRoot, MANIFEST_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}

export type Interceptor = (req: http.IncomingMessage, res: http.ServerResponse, count: number) => boolean;

export interface Hub {
  /** Base URL with a path prefix, so "under the base" is tested for real: `http://127.0.0.1:<port>/hub/`. */
  url: string;
  requests: string[];
  /** Return true from it to answer a request yourself (500s, redirects, truncation…). */
  intercept: Interceptor | null;
  close(): Promise<void>;
}

/** Serves `hubRoot` under `/hub/` on loopback. */
export async function serveHub(hubRoot: string): Promise<Hub> {
  const counts = new Map<string, number>();
  const hub: Hub = {
    url: '',
    requests: [],
    intercept: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    hub.requests.push(target);
    const n = (counts.get(target) ?? 0) + 1;
    counts.set(target, n);
    if (hub.intercept?.(req, res, n)) return;
    let rel: string;
    try {
      rel = decodeURIComponent(target.split('?')[0] ?? '');
    } catch {
      return void res.writeHead(400).end();
    }
    if (!rel.startsWith('/hub/')) return void res.writeHead(404).end();
    const file = path.resolve(hubRoot, `.${rel.slice('/hub'.length)}`);
    if (!file.startsWith(path.resolve(hubRoot) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub/`;
  return hub;
}

/** Every file below `dir`, relative, sorted: for asserting that nothing was written where it should not be. */
export function fileTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}
