/**
 * What a `Range` request header asks of a representation of `size` bytes.
 * - `full`: no Range header, or one we deliberately ignore (multiple ranges: see below).
 * - `partial`: one satisfiable range; `end` is inclusive, clamped to the last byte.
 * - `unsatisfiable`: malformed, or outside the representation; answer 416.
 */
export type RangeRequest = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

// Digits only, bounded so Number() stays exact: a 16-digit offset is already far beyond any file we serve.
const SPEC = /^(\d{1,15})?-(\d{1,15})?$/;

/**
 * Strict parser for RFC 9110 §14.1 byte ranges, limited to what media players send.
 * Multiple ranges (`bytes=0-1,5-6`) get the whole file with 200, which RFC 9110 allows (a server may
 * ignore Range): players never send them, and multipart/byteranges answers are a classic source of
 * amplification bugs. Anything that is not a well-formed `bytes=` range is refused with 416 rather than
 * guessed at, so a client bug shows up at once instead of as a silently wrong body.
 */
export function parseRange(header: string | null, size: number): RangeRequest {
  if (header === null) return { kind: 'full' };
  const value = header.trim();
  const eq = value.indexOf('=');
  if (eq < 0 || value.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'unsatisfiable' };
  const specs = value.slice(eq + 1).split(',').map((s) => s.trim());
  if (specs.some((s) => !SPEC.test(s))) return { kind: 'unsatisfiable' };
  if (specs.length > 1) return { kind: 'full' };
  const match = SPEC.exec(specs[0] ?? '');
  const first = match?.[1];
  const last = match?.[2];
  if (first === undefined && last === undefined) return { kind: 'unsatisfiable' };
  if (first === undefined) {
    // Suffix range: the last N bytes (all of them when N exceeds the size).
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === undefined ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== undefined && Number(last) < start) return { kind: 'unsatisfiable' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
