import { describe, expect, it } from 'vitest';
import { normalizeHubBase, resolveHubUri } from '../../../main/services/hls/hub-uri';

const base = normalizeHubBase('https://hub.example/lectern');
const doc = new URL('https://hub.example/lectern/media/abc/master.m3u8');
const resolve = (uri: string) => resolveHubUri(uri, doc, base, 'master.m3u8, line 3');

describe('normalizeHubBase', () => {
  it('adds the trailing slash that makes "under the base" a prefix test', () => {
    expect(base.href).toBe('https://hub.example/lectern/');
  });
  it.each(['ftp://hub.example/', 'file:///etc/', 'https://u:p@hub.example/', 'https://hub.example/?x=1', 'not a url'])('refuses %s', (b) => {
    expect(() => normalizeHubBase(b)).toThrow();
  });
});

describe('resolveHubUri', () => {
  it.each([
    ['stream_0.m3u8', 'media/abc/stream_0.m3u8'],
    ['sub/seg_1.ts', 'media/abc/sub/seg_1.ts'],
    ['../def/x.ts', 'media/def/x.ts'],
    ['/lectern/media/other.ts', 'media/other.ts'],
    ['https://hub.example/lectern/media/abc/a.ts', 'media/abc/a.ts'],
    ['a.ts#frag', 'media/abc/a.ts'],
  ])('allows %s → %s', (uri, key) => {
    expect(resolve(uri).key).toBe(key);
  });

  it.each([
    ['../../../etc/passwd', /leaves the hub folder/],
    ['../../../lectern-evil/a.ts', /leaves the hub folder/],
    ['/etc/passwd', /leaves the hub folder/],
    ['/lectern-evil/a.ts', /leaves the hub folder/],
    ['/lectern/', /leaves the hub folder/],
    ['file:///etc/passwd', /uses file:/],
    ['data:video/mp2t;base64,AAAA', /uses data:/],
    ['javascript:alert(1)', /uses javascript:/],
    ['https://evil.example/lectern/a.ts', /another server/],
    ['http://hub.example/lectern/a.ts', /another server/],
    ['https://hub.example:8443/lectern/a.ts', /another server/],
    ['//evil.example/lectern/a.ts', /another server/],
    ['https://user:pw@hub.example/lectern/a.ts', /credentials/],
    ['a.ts?sig=1', /query string/],
    ['%2e%2e/%2e%2e/%2e%2e/etc/passwd', /percent-encoding/],
    ['..%2f..%2f..%2fetc%2fpasswd', /percent-encoding/],
    ['..%5c..%5csecret', /percent-encoding/],
    ['a%00.ts', /percent-encoding/],
    ['..\\..\\secret', /not an allowed URI/],
    ['a b.ts', /not an allowed URI/],
    ['a\u0000.ts', /not an allowed URI/],
    ['', /not an allowed URI/],
    ['https://[::1', /not a valid URI/],
    ['a%E0%A4%A.ts', /broken percent-encoding/],
  ])('refuses %s', (uri, message) => {
    expect(() => resolve(uri)).toThrow(message);
  });
});
