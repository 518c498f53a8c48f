/**
 * bench:record — the recording journal and finalising, on a MediaRecorder-like take (VP8 + Opus WebM
 * streamed to a pipe, so without duration or seek index) cut into ~1 s slices.
 *
 *   npm run bench:record -- [--seconds 60] [--keep]
 *
 * Prints, with baselines measured in the same run:
 * - record_chunk_append_p99_ms: one `recordings.appendChunk` (base64 decode, write, fdatasync, journal row,
 *   free-space check), p99 over every slice; baseline: plain fs.appendFile of the same slices (no fsync).
 * - record_finalize_vs_duration: Stop → a playable, seekable lecture source (remux, thumbnail, storyboard,
 *   import) ÷ take length; baseline: the bare `ffmpeg -c copy` remux alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppServices } from '../../main/services/app-services';
import { createMemorySecretStore } from '../../main/services/credentials/secret-store';
import { createMemoryLogger } from '../../main/services/log/logger';
import { resolveFfmpegPaths } from '../../main/services/media/ffmpeg-tools';
import { numberFlag } from './args';

const seconds = numberFlag('seconds', 60);
const bins = resolveFfmpegPaths();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-record-'));

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function main(): Promise<void> {
  log(`bench:record  ffmpeg=${bins.ffmpeg}  ${execFileSync(bins.ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n')[0]}`);
  log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; data folder on ${work}`);
  // ~4.8 Mbit/s: 720p screen at the bitrate Chromium's MediaRecorder picks, ≈ 600 KB a second.
  const stream = execFileSync(bins.ffmpeg, [
    '-v', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '4.7M', '-minrate', '4.7M', '-maxrate', '4.7M', '-g', '60',
    '-c:a', 'libopus', '-shortest', '-f', 'webm', 'pipe:1',
  ], { maxBuffer: 1 << 30 });
  const sliceSize = Math.ceil(stream.length / seconds);
  const slices: Buffer[] = [];
  for (let at = 0; at < stream.length; at += sliceSize) slices.push(stream.subarray(at, at + sliceSize));
  log(`take: ${seconds} s, ${(stream.length / 1e6).toFixed(1)} MB in ${slices.length} slices of ~${Math.round(sliceSize / 1000)} KB`);

  const dataDir = path.join(work, 'data');
  const s = openAppServices({ dataDir, version: 'bench', log: createMemoryLogger(), secrets: createMemorySecretStore(), media: { runJobs: false } });
  try {
    const course = s.drafts.createCourse('Bench');
    const lectureId = s.drafts.createLecture(s.drafts.createSection(course.id, 'S').id, 'L').id;
    const take = await s.recordings.start({ lectureId, mimeType: 'video/webm;codecs=vp8,opus', tracks: { screen: true, camera: false, microphone: true } });
    const appendMs: number[] = [];
    const plainMs: number[] = [];
    const plainFile = path.join(work, 'plain.webm');
    for (const [seq, slice] of slices.entries()) {
      // The renderer sends base64; encoding is the renderer's cost, decoding is measured.
      const base64 = slice.toString('base64');
      let t = performance.now();
      await s.recordings.appendChunk(take.id, seq, base64, (seq + 1) * 1000);
      appendMs.push(performance.now() - t);
      t = performance.now();
      await fs.promises.appendFile(plainFile, slice);
      plainMs.push(performance.now() - t);
    }
    const remuxIn = path.join(work, 'plain.webm');
    const remuxStart = performance.now();
    execFileSync(bins.ffmpeg, ['-v', 'error', '-y', '-i', remuxIn, '-map', '0', '-c', 'copy', path.join(work, 'remux.webm')]);
    const remuxSec = (performance.now() - remuxStart) / 1000;

    const stopStart = performance.now();
    const stopped = await s.recordings.stop(take.id, seconds * 1000);
    const stopSec = (performance.now() - stopStart) / 1000;
    const source = s.media.get(lectureId).source;
    if (stopped.state !== 'ready' || !stopped.inUse || !source) throw new Error(`take did not become the lecture source: ${stopped.state} ${stopped.error ?? ''}`);
    log(`slowest appends: ${appendMs.map((ms, i) => [i, ms] as const).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([i, ms]) => `#${i} ${ms.toFixed(1)} ms`).join(', ')}`);
    log(`append p50 ${percentile(appendMs, 50).toFixed(2)} ms, p99 ${percentile(appendMs, 99).toFixed(2)} ms, max ${Math.max(...appendMs).toFixed(2)} ms; fs.appendFile p99 ${percentile(plainMs, 99).toFixed(2)} ms`);
    log(`stop → lecture source ${stopSec.toFixed(2)} s for a ${stopped.durationSec.toFixed(1)} s take; bare remux ${remuxSec.toFixed(2)} s`);
    log(`baseline_appendfile_p99_ms=${percentile(plainMs, 99).toFixed(2)}`);
    log(`baseline_remux_vs_duration=${(remuxSec / seconds).toFixed(4)}`);
    log(`record_chunk_append_p99_ms=${percentile(appendMs, 99).toFixed(2)}`);
    log(`record_finalize_vs_duration=${(stopSec / seconds).toFixed(4)}`);
  } finally {
    await s.close();
  }
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:record failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  });
