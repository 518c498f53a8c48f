import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Rung } from '../../main/services/media/ladder-plan';

const run = promisify(execFile);

/** SSIM (All) of one rendition against the source scaled to the rendition's size, with ffmpeg's ssim filter. */
export async function rungSsim(ffmpeg: string, source: string, hlsDir: string, rung: Rung): Promise<number> {
  const graph = `[1:v]scale=${rung.width}:${rung.height},setsar=1,format=yuv420p[ref];[0:v]format=yuv420p[enc];[enc][ref]ssim`;
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-i', path.join(hlsDir, rung.name, 'index.m3u8'), '-i', source, '-lavfi', graph, '-f', 'null', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const m = /All:([0-9.]+)/.exec(stderr);
  if (!m) throw new Error(`ffmpeg printed no SSIM for ${rung.name}: ${stderr.slice(-300)}`);
  return Number(m[1]);
}

/** Bytes of every file under a folder (segments and playlists of all renditions, audio included). */
export function folderBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return n;
}
