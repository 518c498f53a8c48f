import fs from 'node:fs';
import { runFfmpeg } from '../media/run-ffmpeg';
import { SNIFF_BYTES, sniffImage, type CoverSourceType } from './image-sniff';
import { userError } from '../text/user-error';

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
    throw userError('not-found', 'svc.covers.notFound', { name });
  }
  if (!stat.isFile()) throw userError('invalid-input', 'svc.covers.folder', { name });
  if (stat.size > MAX_COVER_SOURCE_BYTES) {
    throw userError('invalid-input', 'svc.covers.tooLarge', { name, size: mib(stat.size), max: mib(MAX_COVER_SOURCE_BYTES) });
  }
  const head = await readHead(filePath, Math.min(SNIFF_BYTES, stat.size));
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'other') throw userError('invalid-input', 'svc.covers.notImage', { name, kind: sniffed.name });
  if (sniffed.kind === 'damaged') throw userError('invalid-input', 'svc.covers.damaged', { name, type: TYPE_NAMES[sniffed.type] });
  const { width, height } = sniffed;
  if (Math.min(width, height) < MIN_COVER_SIDE) {
    throw userError('invalid-input', 'svc.covers.tooSmall', { name, width: String(width), height: String(height), min: String(MIN_COVER_SIDE), best: `${COVER_WIDTH}×${COVER_HEIGHT}` });
  }
  if (Math.max(width, height) > MAX_COVER_SIDE) {
    throw userError('invalid-input', 'svc.covers.tooBig', { name, width: String(width), height: String(height), max: String(MAX_COVER_SIDE) });
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
    throw userError('invalid-input', 'svc.covers.undecodable', { name, cause: err instanceof Error ? err.message : String(err) });
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
