import fs from 'node:fs';
import { LecternError } from '../../contract/errors';
import { runFfmpeg } from '../media/run-ffmpeg';
import { SNIFF_BYTES, sniffImage, type CoverSourceType } from './image-sniff';

/** What a course cover becomes: one 16:9 JPEG, whatever was chosen, so cards and pages crop alike. */
export const COVER_WIDTH = 1280;
export const COVER_HEIGHT = 720;
/** Bigger files are refused before decoding: a cover is a photo or a drawing, not a print master. */
export const MAX_COVER_SOURCE_BYTES = 20 * 1024 * 1024;
/** Refused below this: stretched to 1280×720 it would be a blur. */
export const MIN_COVER_SIDE = 200;
/** Refused above this: decoding it would take hundreds of megabytes for a picture shown at 1280 px. */
export const MAX_COVER_SIDE = 16_384;

const TYPE_NAMES: Record<CoverSourceType, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

export interface CheckedCoverSource {
  type: CoverSourceType;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Checks a chosen file before anything is written: it exists, is at most 20 MiB, is really a JPEG, PNG
 * or WebP (by its first bytes, whatever its name), and has sensible dimensions. Every refusal names the
 * file and says what to do.
 */
export async function checkCoverSource(filePath: string): Promise<CheckedCoverSource> {
  const name = baseName(filePath);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch {
    throw new LecternError('not-found', `“${name}” could not be found; choose the image again.`);
  }
  if (!stat.isFile()) throw new LecternError('invalid-input', `“${name}” is a folder, not an image; choose a JPEG, PNG or WebP file.`);
  if (stat.size > MAX_COVER_SOURCE_BYTES) {
    throw new LecternError('invalid-input', `“${name}” is ${mib(stat.size)} MiB; a cover image may be at most ${mib(MAX_COVER_SOURCE_BYTES)} MiB. Export a smaller JPEG, PNG or WebP.`);
  }
  const head = await readHead(filePath, Math.min(SNIFF_BYTES, stat.size));
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'other') throw new LecternError('invalid-input', `“${name}” is ${sniffed.name}, not an image Lectern can use as a cover; choose a JPEG, PNG or WebP file.`);
  if (sniffed.kind === 'damaged') throw new LecternError('invalid-input', `“${name}” looks like a ${TYPE_NAMES[sniffed.type]} image, but its header is damaged or cut short; open and save it again, then retry.`);
  const { width, height } = sniffed;
  if (Math.min(width, height) < MIN_COVER_SIDE) {
    throw new LecternError('invalid-input', `“${name}” is only ${width}×${height} pixels; a cover needs at least ${MIN_COVER_SIDE} pixels on each side (${COVER_WIDTH}×${COVER_HEIGHT} looks best).`);
  }
  if (Math.max(width, height) > MAX_COVER_SIDE) {
    throw new LecternError('invalid-input', `“${name}” is ${width}×${height} pixels; Lectern takes covers up to ${MAX_COVER_SIDE} pixels on a side. Scale it down first.`);
  }
  return { type: sniffed.type, width, height, bytes: stat.size };
}

/**
 * Scales the image to fill 1280×720 and crops the overflow from the middle (a cover crop), then writes a
 * JPEG at ffmpeg's quality 4 (about 80 on the usual 0–100 scale). Uses the ffmpeg that makes posters, so
 * no image library is shipped.
 */
export async function renderCover(ffmpegPath: string, source: string, out: string): Promise<void> {
  const name = baseName(source);
  try {
    await runFfmpeg({
      ffmpegPath,
      outputSec: 0,
      build: (cmd) => {
        cmd
          .input(source)
          .outputOptions(
            '-frames:v', '1',
            '-vf', `scale=${COVER_WIDTH}:${COVER_HEIGHT}:force_original_aspect_ratio=increase,crop=${COVER_WIDTH}:${COVER_HEIGHT},setsar=1,format=yuvj420p`,
            '-q:v', '4', '-an', '-f', 'image2', '-c:v', 'mjpeg', '-y',
          )
          .output(out);
      },
    });
  } catch (err) {
    throw new LecternError('invalid-input', `“${name}” could not be decoded as an image (${err instanceof Error ? err.message : String(err)}); open and save it again, then retry.`);
  }
}

async function readHead(filePath: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}
