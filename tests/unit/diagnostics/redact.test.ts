import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../../main/services/diagnostics/redact';

describe('redactor', () => {
  const r = createRedactor(['quote"and\\slash', 'abc', 'short-secret', 'short-secret-longer']);

  it('removes known secrets in plain, JSON-escaped and URL-encoded form, the longest first', () => {
    expect(r.text('x short-secret-longer y')).toBe(`x ${REDACTED} y`);
    expect(r.text(JSON.stringify({ m: 'k=quote"and\\slash' }))).not.toContain('quote');
    expect(r.text(`?p=${encodeURIComponent('quote"and\\slash')}`)).not.toContain('quote');
  });

  it('leaves strings too short to be a secret alone rather than blanking ordinary words', () => {
    expect(r.text('abc def')).toBe('abc def');
  });

  it('catches secrets it was not told about by their shape', () => {
    const cases: [string, string][] = [
      ['GET /o?X-Amz-Signature=deadbeef&X-Amz-Date=20260101T000000Z', 'deadbeef'],
      ['GET /o?x-amz-security-token=TOKENVALUE1', 'TOKENVALUE1'],
      ['https://cdn/x?Policy=POLICYVALUE&Signature=SIGVALUE&Key-Pair-Id=KPVALUE', 'SIGVALUE'],
      ['https://cdn/x?Policy=POLICYVALUE&Signature=SIGVALUE&Key-Pair-Id=KPVALUE', 'KPVALUE'],
      ['Authorization: AWS4-HMAC-SHA256 Credential=AKID/2026, Signature=abcdef', 'AKID'],
      ['{"Authorization":"Basic dXNlcjpwYXNz"}', 'dXNlcjpwYXNz'],
      ['proxy sent Bearer abc.def.ghi', 'abc.def.ghi'],
      ['{"downloadKey":"00ff00ff00ff"}', '00ff00ff00ff'],
      ['{"nested":{"session_token":"t\\"quoted"}}', 'quoted'],
      ['secretAccessKey=wJalrXUtnFEMI plus text', 'wJalrXUtnFEMI'],
      ['key id ASIAABCDEFGHIJKLMNOP in a message', 'ASIAABCDEFGHIJKLMNOP'],
    ];
    for (const [input, secret] of cases) expect(r.text(input), input).not.toContain(secret);
  });

  it('keeps what explains a failure: paths, the algorithm, the date, ordinary words', () => {
    expect(r.text('GET /lectures/a.ts?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Signature=ff')).toBe(
      `GET /lectures/a.ts?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Signature=${REDACTED}`,
    );
    expect(r.text('The session token of hub h1 expired')).toBe('The session token of hub h1 expired');
  });

  it('masks binary content in place so the file keeps its length and layout', () => {
    const input = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('short-secret', 'utf16le'), Buffer.from('?X-Amz-Signature=cafe\0tail')]);
    const out = r.bytes(input);
    expect(out.length).toBe(input.length);
    expect(out.includes(Buffer.from('short-secret', 'utf16le'))).toBe(false);
    expect(out.includes(Buffer.from('cafe'))).toBe(false);
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0, 1, 2]));
    expect(out.toString('latin1').endsWith('\0tail')).toBe(true);
  });
});
