import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublishRun } from '../../../main/contract/domains/publishing-types';
import { publishProgressOnStderr } from '../../../main/cli/commands/publish';
import { StallError, type StallPolicy } from '../../../main/services/downloads/stall-guard';
import { describeAttempt, guardS3Request, uploadRetryNotice } from '../../../main/services/s3/request-guard';

const POLICY: StallPolicy = { headersMs: 200, idleMs: 200, minBytesPerSec: 1000, slowWindowMs: 400 };
const never = () => new AbortController().signal;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the guard's stall once its signal aborts (or null after `ms`). */
function stallWithin(signal: AbortSignal, ms: number): Promise<unknown> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(null), ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve(signal.reason)), { once: true });
  });
}

describe('guardS3Request', () => {
  it('a request without a body that gets no answer is "stalled before the answer"', async () => {
    const g = guardS3Request('the part list of a.mp4', 'Hub', never(), POLICY);
    const reason = await stallWithin(g.signal, 1000);
    g.done();
    expect(reason).toBeInstanceOf(StallError);
    expect((reason as StallError).headline).toBe('the part list of a.mp4 to Hub stalled before the answer');
    expect((reason as StallError).message).toMatch(/the hub did not answer for [\d.]+ s\.$/);
  });

  it('a body that stops moving is "stalled mid-transfer", with the bytes it got', async () => {
    const g = guardS3Request('a.mp4', 'Hub', never(), POLICY);
    g.expectBody(10_000);
    g.bodySent(4096);
    const reason = await stallWithin(g.signal, 1000);
    g.done();
    expect((reason as StallError).kind).toBe('stalled');
    expect((reason as StallError).message).toMatch(/a\.mp4 to Hub stalled mid-transfer: the hub took no data for [\d.]+ s after 4096 of 10000 bytes\./);
  });

  it('a body that keeps moving below the minimum rate "is too slow"', async () => {
    const g = guardS3Request('a.mp4', 'Hub', never(), POLICY);
    g.expectBody(1_000_000);
    const drip = setInterval(() => g.bodySent(10), 20); // ~500 bytes/s, half the minimum
    const reason = await stallWithin(g.signal, 2000);
    clearInterval(drip);
    g.done();
    expect((reason as StallError).headline).toBe('a.mp4 to Hub is too slow');
  });

  it('time waiting on the bandwidth cap is not a stall', async () => {
    const g = guardS3Request('a.mp4', 'Hub', never(), POLICY);
    g.expectBody(10_000);
    g.bodySent(1000);
    g.hold();
    expect(await stallWithin(g.signal, 600)).toBeNull();
    g.release();
    g.bodySent(9000);
    g.done();
    expect(g.stall()).toBeNull();
  });

  it("the caller's own abort passes through and is not a stall", async () => {
    const ctl = new AbortController();
    const g = guardS3Request('a.mp4', 'Hub', ctl.signal, POLICY);
    ctl.abort(new Error('paused'));
    expect((g.signal.reason as Error).message).toBe('paused');
    expect(g.stall()).toBeNull();
    g.done();
  });
});

describe('describeAttempt', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  // The SDK renames a reset "TimeoutError"; the Node code still says what happened.
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'TimeoutError' });
  const noConnect = Object.assign(new Error('the request socket did not establish a connection with the server within the configured timeout of 10000 ms.'), { name: 'TimeoutError' });
  const busy = Object.assign(new Error('Slow down'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
  it.each([
    [refused, 'k to Hub was refused: nothing accepts connections there'],
    [reset, 'k to Hub was cut off'],
    [noConnect, 'k to Hub could not connect in time'],
    [busy, 'k to Hub failed (SlowDown: HTTP 503)'],
  ])('%s', (err, line) => {
    expect(describeAttempt(err, 'k', 'Hub', 'SlowDown: HTTP 503')).toBe(line);
  });

  it('the retry line counts the next attempt and rounds the wait up', () => {
    expect(uploadRetryNotice('k to Hub was cut off', 1200, 1, 7)).toBe('k to Hub was cut off; retrying in 2 s (attempt 2 of 7)');
  });
});

describe('publish progress on stderr', () => {
  afterEach(() => vi.restoreAllMocks());
  it('prints a new retry line at once, even within the once-a-second limit', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const sink = publishProgressOnStderr();
    const run = { state: 'running', error: null, filesTotal: 0, filesDone: 0, filesSkipped: 0, bytesDone: 0, bytesTotal: 0, bytesPerSecond: 0, etaSeconds: null } as unknown as PublishRun;
    sink('publish.run', run);
    sink('publish.run', { ...run, error: 'k to Hub stalled mid-transfer; retrying in 1 s (attempt 2 of 7)' });
    sink('publish.run', { ...run, error: 'k to Hub stalled mid-transfer; retrying in 1 s (attempt 2 of 7)' });
    await wait(0);
    expect(lines).toEqual(['publish running\n', 'publish running: k to Hub stalled mid-transfer; retrying in 1 s (attempt 2 of 7)\n']);
  });
});
