import { PlaylistError } from './playlist-error';

// RFC 8216 §4.2: NAME=VALUE pairs; a value is a quoted string (no quotes or line breaks inside) or an
// unquoted token (integer, decimal, hex, enumerated string, resolution).
const PAIR = /^([A-Z0-9-]+)=("[^"]*"|[^",]+)(?:,|$)/;

/** A tag's attribute list, with quoted strings unquoted. Duplicate names and stray text are errors. */
export function parseAttributes(value: string, where: string): Map<string, string> {
  const out = new Map<string, string>();
  let rest = value;
  while (rest.length > 0) {
    const m = PAIR.exec(rest);
    if (!m || m[1] === undefined || m[2] === undefined) throw new PlaylistError(`${where}: malformed attribute list near "${rest.slice(0, 40)}".`);
    const [whole, name, raw] = m;
    if (out.has(name)) throw new PlaylistError(`${where}: attribute ${name} appears twice.`);
    out.set(name, raw.startsWith('"') ? raw.slice(1, -1) : raw);
    rest = rest.slice(whole.length);
  }
  return out;
}

export function decimalInteger(text: string | undefined, where: string, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || !/^\d{1,16}$/.test(text) || Number(text) > max) throw new PlaylistError(`${where}: expected a whole number up to ${max}, got "${text ?? ''}".`);
  return Number(text);
}

export function decimalFloat(text: string | undefined, where: string, max: number): number {
  if (text === undefined || !/^\d{1,10}(\.\d{1,10})?$/.test(text) || Number(text) > max) throw new PlaylistError(`${where}: expected a duration in seconds up to ${max}, got "${text ?? ''}".`);
  return Number(text);
}
