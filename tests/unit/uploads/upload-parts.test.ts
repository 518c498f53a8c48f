import { describe, expect, it } from 'vitest';
import { multipartEtag, md5Etag } from '../../../main/services/s3/content-md5';
import { BandwidthLimiter } from '../../../main/services/uploads/bandwidth-limiter';
import { choosePartSize, MIB, partCount, partRange } from '../../../main/services/uploads/part-plan';
import { runPool } from '../../../main/services/uploads/pool';
import { ProgressMeter } from '../../../main/services/uploads/progress-meter';

describe('part plan', () => {
  it('uses the preferred size, at least 8 MiB, raised to stay under 10,000 parts', () => {
    expect(choosePartSize(100 * MIB)).toBe(16 * MIB);
    expect(choosePartSize(100 * MIB, 5 * MIB)).toBe(8 * MIB);
    const huge = 400 * 1024 * MIB; // 400 GiB
    const size = choosePartSize(huge);
    expect(size % MIB).toBe(0);
    expect(partCount(huge, size)).toBeLessThan(10_000);
    expect(() => choosePartSize(6 * 1024 * 1024 * MIB)).toThrow(/5 TiB/);
  });

  it('covers the file exactly with its parts', () => {
    const size = 40 * MIB + 5;
    const n = partCount(size, 8 * MIB);
    expect(n).toBe(6);
    const ranges = Array.from({ length: n }, (_, i) => partRange(size, 8 * MIB, i + 1));
    expect(ranges.reduce((a, r) => a + r.length, 0)).toBe(size);
    expect(ranges.at(-1)).toEqual({ offset: 40 * MIB, length: 5 });
  });
});

describe('multipart ETag', () => {
  it('is the MD5 of the part MD5s with the part count', () => {
    // Known value: two parts "a" and "b" (md5 0cc175b9… and 92eb5ffe…).
    const etag = multipartEtag([md5Etag(Buffer.from('a')), md5Etag(Buffer.from('b'))]);
    expect(etag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(etag).toBe(multipartEtag(['"0cc175b9c0f1b6a831c399e269772661"', '"92eb5ffee6ae2fec3ad71c777531578f"']));
  });
});

describe('runPool', () => {
  it('keeps at most N in flight and stops starting work after the first failure', async () => {
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const err = await runPool([1, 2, 3, 4, 5, 6, 7, 8], 3, async (i) => {
      started.push(i);
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (i === 2) throw new Error('boom');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('boom');
    expect(peak).toBe(3);
    expect(started.length).toBeLessThan(8);
  });
});

describe('BandwidthLimiter', () => {
  it('holds the rate with a virtual clock', async () => {
    let t = 0;
    const limiter = new BandwidthLimiter(1000, () => t);
    const signal = new AbortController().signal;
    const origSetTimeout = globalThis.setTimeout;
    // Advance the virtual clock instead of sleeping.
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      t += ms ?? 0;
      return origSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      for (let i = 0; i < 10; i++) await limiter.take(200, signal);
    } finally {
      globalThis.setTimeout = origSetTimeout;
    }
    // 2000 bytes at 1000 B/s from an empty bucket: about two seconds.
    expect(t).toBeGreaterThanOrEqual(1900);
    expect(t).toBeLessThanOrEqual(2300);
  });
});

describe('ProgressMeter', () => {
  it('reports throughput over the window and an ETA', () => {
    let t = 0;
    const m = new ProgressMeter(5000, () => t);
    m.record(0);
    t = 1000;
    m.record(10 * MIB);
    t = 2000;
    m.record(20 * MIB);
    expect(m.bytesPerSecond()).toBe(10 * MIB);
    expect(m.etaSeconds(30 * MIB)).toBe(3);
  });
});
