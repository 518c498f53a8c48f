import { PlaylistError } from './playlist-error';

export interface PlaylistLine {
  /** 1-based, for messages. */
  number: number;
  text: string;
}

/**
 * Yields the non-blank lines of a playlist one at a time, without splitting the whole text into an array,
 * so a caller that stops at a cap never pays for the rest. Control characters are refused: no
 * legitimate playlist has them, and they are how NUL and terminal-escape tricks get into URIs and logs.
 */
export function* playlistLines(text: string, label: string): Generator<PlaylistLine> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let number = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    number++;
    let line = text.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    line = line.trim();
    if (line === '') continue;
    if (/[\u0000-\u001f\u007f]/.test(line)) throw new PlaylistError(`${label}, line ${number}: contains a control character.`);
    yield { number, text: line };
  }
}

/** Splits `#EXT-X-FOO:value` into its name and value (value '' when there is no colon). */
export function splitTag(line: string): { name: string; value: string } {
  const colon = line.indexOf(':');
  return colon < 0 ? { name: line, value: '' } : { name: line.slice(0, colon), value: line.slice(colon + 1) };
}
