import { describe, expect, it } from 'vitest';
import { hubFetch, readCapped, TransientError } from '../../../main/services/downloads/hub-fetch';
import { backoffDelay } from '../../../main/services/downloads/retry';

describe('readCapped', () => {
  it('stops pulling a body without Content-Length as soon as it passes the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(readCapped(new Response(endless), 1024 * 1024, 'video.m3u8')).rejects.toThrow('video.m3u8 is larger than 1048576 bytes; Lectern refuses it.');
    expect(pulled).toBeLessThan(20);
  });

  it('refuses up front when Content-Length says too much', async () => {
    const res = new Response('x', { headers: { 'content-length': '99999999' } });
    await expect(readCapped(res, 1000, 'course.json')).rejects.toThrow('course.json is 99999999 bytes; Lectern refuses more than 1000.');
  });

  it('returns a body within the cap', async () => {
    expect((await readCapped(new Response('hello'), 5, 'x')).toString()).toBe('hello');
  });
});

describe('hubFetch', () => {
  const base = new URL('https://hub.example/lectern/');
  const signal = new AbortController().signal;
  const answer = (status: number, headers: Record<string, string> = {}) => (async () => new Response(null, { status, headers })) as typeof fetch;

  it.each([500, 502, 503, 429])('treats %i as transient', async (status) => {
    await expect(hubFetch(new URL('a.ts', base), base, signal, answer(status))).rejects.toBeInstanceOf(TransientError);
  });

  it.each([400, 403, 404, 410])('treats %i as final, naming the path', async (status) => {
    const err = await hubFetch(new URL('a.ts', base), base, signal, answer(status)).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(TransientError);
    expect((err as Error).message).toBe(`The hub answered ${status} for /lectern/a.ts.`);
  });

  it('treats a network failure as transient', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    }) as typeof fetch;
    await expect(hubFetch(new URL('a.ts', base), base, signal, failing)).rejects.toThrow(/Could not reach the hub for \/lectern\/a.ts: connect ECONNREFUSED/);
  });

  it.each([
    ['http://10.0.0.1/lectern/a.ts', /another server/],
    ['https://hub.example/other/a.ts', /leaves the hub folder/],
    ['file:///etc/passwd', /uses file:/],
  ])('refuses a redirect to %s', async (location, message) => {
    await expect(hubFetch(new URL('a.ts', base), base, signal, answer(302, { location }))).rejects.toThrow(message);
  });

  it('gives up on a redirect loop', async () => {
    await expect(hubFetch(new URL('a.ts', base), base, signal, answer(307, { location: 'a.ts' }))).rejects.toThrow(/redirected \/lectern\/a.ts more than 5 times/);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };
  it('grows exponentially up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(policy, a, () => 0.999999))).toEqual([499, 999, 1999, 3999, 29999]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});
