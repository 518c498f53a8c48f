import type { ChildProcess } from 'node:child_process';
import ffmpeg, { type FfmpegCommand } from 'fluent-ffmpeg';

export interface FfmpegProgress {
  /** 0–100, clamped: ffmpeg's time can run past the probed duration by a frame or two. */
  percent: number;
  etaSec: number | null;
}

export interface RunFfmpegOptions {
  ffmpegPath: string;
  /** Adds inputs, filters and outputs to a fresh command. */
  build(cmd: FfmpegCommand): void;
  /** Seconds of media this run will produce, to turn ffmpeg's `time=` into a percentage. */
  outputSec: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: FfmpegProgress) => void) | undefined;
  onSpawn?: ((pid: number) => void) | undefined;
}

export class FfmpegCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'FfmpegCancelled';
  }
}

/**
 * Runs one ffmpeg command to completion. Progress is read from ffmpeg's own `time=` lines rather than
 * fluent-ffmpeg's `progress` event, which would first run ffprobe on every input. Aborting SIGKILLs
 * ffmpeg (its partial output is the caller's to remove) and rejects with FfmpegCancelled.
 */
export function runFfmpeg(opts: RunFfmpegOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new FfmpegCancelled());
    const cmd = ffmpeg().setFfmpegPath(opts.ffmpegPath);
    opts.build(cmd);
    const started = Date.now();
    let lastReport = 0;
    const onAbort = () => cmd.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    cmd
      .on('start', () => {
        const pid = (cmd as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc?.pid;
        if (pid !== undefined) opts.onSpawn?.(pid);
      })
      .on('stderr', (line: string) => {
        if (!opts.onProgress) return;
        const t = /time=(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(line);
        if (!t) return;
        const now = Date.now();
        // ffmpeg prints a status line twice a second; the database and event sink need no more than that.
        if (now - lastReport < 400) return;
        lastReport = now;
        const done = Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3]);
        opts.onProgress(progressOf(done, opts.outputSec, (now - started) / 1000));
      })
      .on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (opts.signal?.aborted) return reject(new FfmpegCancelled());
        reject(new Error(`${err.message.split(':')[0]}: ${stderr ? explain(stderr) : err.message}`));
      })
      .on('end', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (opts.signal?.aborted) return reject(new FfmpegCancelled());
        resolve();
      })
      .run();
  });
}

export function progressOf(doneSec: number, totalSec: number, elapsedSec: number): FfmpegProgress {
  if (!(totalSec > 0)) return { percent: 0, etaSec: null };
  const fraction = Math.min(1, Math.max(0, doneSec / totalSec));
  const etaSec = fraction > 0.01 && elapsedSec > 0 ? Math.max(0, (elapsedSec / fraction) * (1 - fraction)) : null;
  return { percent: Math.round(fraction * 1000) / 10, etaSec: etaSec === null ? null : Math.round(etaSec) };
}

/** ffmpeg's last words are "Conversion failed!" after pages of statistics; the lines naming the problem are what a user needs. */
function explain(stderr: string): string {
  const lines = stderr.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /error|invalid|no such|unable|cannot|not found|unknown|denied|failed/i.test(l) && !/^Conversion failed/.test(l));
  return (telling.length ? telling.slice(-3) : lines.slice(-3)).join(' | ');
}
