/**
 * What an image file really is, from its first bytes rather than its name: a renamed PDF is not a JPEG.
 * Only the formats a course cover may start from (JPEG, PNG, WebP) are parsed far enough to read their
 * dimensions; anything else is named so the refusal can say what the file is.
 */

export type CoverSourceType = 'jpeg' | 'png' | 'webp';

export type Sniffed =
  | { kind: 'image'; type: CoverSourceType; width: number; height: number }
  /** A supported type whose header could not be read (truncated or damaged). */
  | { kind: 'damaged'; type: CoverSourceType }
  /** Something else; `name` says what it looks like ("a GIF image", "a PDF document", "an unknown kind of file"). */
  | { kind: 'other'; name: string };

/** Bytes to read from the start of a file: enough for every header below, JPEG's SOF after large EXIF blocks included. */
export const SNIFF_BYTES = 256 * 1024;

const OTHER_SIGNATURES: { name: string; test: (b: Buffer) => boolean }[] = [
  { name: 'a GIF image', test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  { name: 'a BMP image', test: (b) => ascii(b, 0, 2) === 'BM' },
  { name: 'a TIFF image', test: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'a HEIC/AVIF image', test: (b) => ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|mif1|avif|msf1|hevc)$/.test(ascii(b, 8, 12)) },
  { name: 'a video', test: (b) => ascii(b, 4, 8) === 'ftyp' || b.readUInt32BE(0) === 0x1a45dfa3 },
  { name: 'an SVG drawing', test: (b) => /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(b.subarray(0, 512).toString('latin1')) },
  { name: 'a PDF document', test: (b) => ascii(b, 0, 5) === '%PDF-' },
  { name: 'a ZIP archive', test: (b) => ascii(b, 0, 4) === 'PK\u0003\u0004' },
  { name: 'an ICO icon', test: (b) => b.readUInt32BE(0) === 0x00000100 },
];

export function sniffImage(head: Buffer): Sniffed {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return withSize('jpeg', jpegSize(head));
  if (head.length >= 8 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) return withSize('png', pngSize(head));
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return withSize('webp', webpSize(head));
  if (head.length >= 12) for (const s of OTHER_SIGNATURES) if (s.test(head)) return { kind: 'other', name: s.name };
  if (head.length > 0 && looksLikeText(head)) return { kind: 'other', name: 'a text file' };
  return { kind: 'other', name: head.length === 0 ? 'an empty file' : 'an unknown kind of file' };
}

function withSize(type: CoverSourceType, size: { width: number; height: number } | null): Sniffed {
  return size && size.width > 0 && size.height > 0 ? { kind: 'image', type, ...size } : { kind: 'damaged', type };
}

function pngSize(b: Buffer): { width: number; height: number } | null {
  // The first chunk must be IHDR: width and height as big-endian 32-bit integers.
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Walks the marker segments up to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] as number;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = b.readUInt16BE(i + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Buffer): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30) {
    // Lossy: a keyframe start code, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    // Lossless: signature 0x2f, then 14 bits of width-1 and 14 of height-1.
    if (b[20] !== 0x2f) return null;
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    // Extended: 24-bit canvas width-1 and height-1.
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return null;
}

function ascii(b: Buffer, from: number, to: number): string {
  return b.length >= to ? b.toString('latin1', from, to) : '';
}

function looksLikeText(b: Buffer): boolean {
  const sample = b.subarray(0, 512);
  return !sample.includes(0) && sample.toString('utf8').indexOf('\uFFFD') === -1;
}
