import { execFileSync } from 'node:child_process';
import { FFMPEG } from './media';

/**
 * A synthetic picture (testsrc2) of the given size, in the format the file's extension names: .jpg, .png,
 * .webp (lossy) or, with `lossless`, lossless WebP. Nothing binary is committed.
 */
export function makeImage(file: string, width: number, height: number, opts: { lossless?: boolean } = {}): string {
  const codec = file.endsWith('.webp') ? ['-c:v', 'libwebp', ...(opts.lossless ? ['-lossless', '1'] : [])] : [];
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}`, '-frames:v', '1', ...codec, file]);
  return file;
}
