import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FFMPEG, ffprobeJson } from '../../helpers/media';

export function durationOf(file: string): number {
  const probe = ffprobeJson(file, ['-show_format']) as { format?: { duration?: string } };
  return Number(probe.format?.duration ?? NaN);
}

export function codecsOf(file: string): string[] {
  const probe = ffprobeJson(file, ['-show_streams']) as { streams: { codec_name: string }[] };
  return probe.streams.map((s) => s.codec_name);
}

/** Seeks to `fraction` of the file's duration and decodes one picture there; true when one came out. */
export function seekWorks(file: string, fraction: number, workDir: string): boolean {
  const at = durationOf(file) * fraction;
  const out = path.join(workDir, `seek-${path.basename(file)}-${fraction}.jpg`);
  fs.rmSync(out, { force: true });
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-ss', at.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'image2', out]);
  return fs.existsSync(out) && fs.statSync(out).size > 0;
}

/** Matroska's Cues element (the seek index), ID 0x1C53BB6B; MediaRecorder's stream has none. */
export function hasCues(file: string): boolean {
  return fs.readFileSync(file).includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]));
}
