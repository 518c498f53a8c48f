import { describe, expect, it } from 'vitest';
import { CaptionsError, MAX_CAPTIONS_BYTES, checkCaptions } from '../../../main/services/captions/captions-vtt';

const enc = (s: string) => new TextEncoder().encode(s);
const CUE = '00:00:01.000 --> 00:00:04.000\nHello\n';

function refusal(bytes: Uint8Array): string {
  try {
    checkCaptions(bytes, '"talk.vtt"');
  } catch (err) {
    expect(err).toBeInstanceOf(CaptionsError);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('checkCaptions', () => {
  it('accepts WebVTT with a header line, short and long timestamps, settings and CRLF', () => {
    expect(checkCaptions(enc(`WEBVTT\n\n${CUE}`), 'x').cueCount).toBe(1);
    expect(checkCaptions(enc('WEBVTT - English\r\n\r\n1\r\n00:01.000 --> 00:02.500 line:90%\r\nA\r\n\r\n01:00:00.000 --> 01:00:01.000\r\nB\r\n'), 'x').cueCount).toBe(2);
  });

  it('drops a UTF-8 byte-order mark from the stored text', () => {
    const r = checkCaptions(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(`WEBVTT\n\n${CUE}`)]), 'x');
    expect(r.text.startsWith('WEBVTT')).toBe(true);
  });

  it('refuses files that are not WebVTT, naming the file and the problem', () => {
    expect(refusal(enc(`1\n00:00:01,000 --> 00:00:04,000\nHello\n`))).toMatch(/^"talk\.vtt" does not start with "WEBVTT"/);
    expect(refusal(enc(`WEBVTTX\n\n${CUE}`))).toMatch(/does not start with "WEBVTT"/);
    expect(refusal(enc(`  WEBVTT\n\n${CUE}`))).toMatch(/does not start with "WEBVTT"/);
  });

  it('refuses a file without cues, an empty file and NUL bytes', () => {
    expect(refusal(enc('WEBVTT\n\nNOTE nothing here\n'))).toMatch(/"talk\.vtt" has no cues/);
    expect(refusal(new Uint8Array())).toMatch(/is empty/);
    expect(refusal(enc(`WEBVTT\n\n${CUE}\0`))).toMatch(/NUL/);
  });

  it('refuses text that is not UTF-8 (e.g. Latin-1 with accents)', () => {
    const latin1 = new Uint8Array([...enc('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaf'), 0xe9, 0x0a]);
    expect(refusal(latin1)).toMatch(/is not UTF-8/);
  });

  it('refuses anything over 2 MiB', () => {
    const big = enc(`WEBVTT\n\n${CUE}${'x'.repeat(MAX_CAPTIONS_BYTES)}`);
    expect(refusal(big)).toMatch(/at most 2,097,152 bytes/);
  });
});
