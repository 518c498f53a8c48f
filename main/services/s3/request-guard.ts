import { DEFAULT_STALL, seconds, startWatchdog, StallError, type StallKind, type StallPolicy } from '../downloads/stall-guard';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';

/**
 * Progress deadlines for one S3 request, the upload-side twin of the download stall guard. The SDK's own
 * timeouts stay as a backstop (connect timeout, socket idle timeout); this watchdog aborts the request
 * through its `abortSignal` first, with a `StallError` that says what happened:
 *
 * - no-answer: the request (and its body, if any) was handed over and the server said nothing;
 * - stalled: the server stopped taking the body mid-transfer;
 * - too-slow: it takes the body, but below the minimum rate for a whole window.
 *
 * Bytes count when the HTTP handler pulls them from the body stream, so the kernel's socket buffers hide
 * the last few MiB of a stalled body: such a stall is reported as no answer, still within the deadline.
 */
export interface RequestGuard {
  /** Pass to `client.send` as `abortSignal`; aborted (reason: `StallError`) when the request stops progressing. */
  signal: AbortSignal;
  /** The request sends a body of `bytes`; its deadline is about the body until the last byte left. */
  expectBody(bytes: number): void;
  bodySent(n: number): void;
  /** Waiting on the bandwidth limiter is Lectern's choice, not the server's slowness: the clock stops. */
  hold(): void;
  release(): void;
  stall(): StallError | null;
  done(): void;
}

const HEADLINES: Record<StallKind, string> = { 'no-answer': 'stalled before the answer', stalled: 'stalled mid-transfer', 'too-slow': 'is too slow' };

/** Watches one request about `subject` (e.g. "part 3 of 5 of courses/c/v.mp4") sent to `hub`. */
export function guardS3Request(subject: string, hub: string, signal: AbortSignal, policy: StallPolicy = DEFAULT_STALL): RequestGuard {
  let phase: 'body' | 'answer' = 'answer';
  let bodyBytes = 0;
  let sent = 0;
  let phaseStart = Date.now();
  let lastByteAt = phaseStart;
  let windowStart = phaseStart;
  let windowBytes = 0;
  let heldAt: number | null = null;
  let stalled: StallError | null = null;

  const give = (kind: StallKind, why: string) => {
    stalled = new StallError(`${subject} to ${hub} ${HEADLINES[kind]}: ${why}`, kind, `${subject} to ${hub} ${HEADLINES[kind]}`);
    watch.controller.abort(stalled);
  };
  const check = () => {
    if (heldAt !== null || stalled) return;
    const now = Date.now();
    if (phase === 'answer') {
      if (now - phaseStart >= policy.headersMs) {
        const after = bodyBytes > 0 ? `the hub took all ${bodyBytes} bytes but did not answer for ${seconds(now - phaseStart)}.` : `the hub did not answer for ${seconds(now - phaseStart)}.`;
        give('no-answer', after);
      }
      return;
    }
    if (now - lastByteAt >= policy.idleMs) {
      // Nothing taken at all (e.g. no "100 Continue") is a server that never started answering.
      if (sent === 0) give('no-answer', `the hub took none of the ${bodyBytes} bytes for ${seconds(now - lastByteAt)}.`);
      else give('stalled', `the hub took no data for ${seconds(now - lastByteAt)} after ${sent} of ${bodyBytes} bytes.`);
    } else if (now - windowStart >= policy.slowWindowMs) {
      const rate = (windowBytes * 1000) / (now - windowStart);
      // Below the rate and not moving at all right now is a stall, whichever deadline noticed it first.
      if (now - lastByteAt >= Math.min(policy.idleMs, policy.slowWindowMs) / 2) give('stalled', `the hub took no data for ${seconds(now - lastByteAt)} after ${sent} of ${bodyBytes} bytes.`);
      else if (rate < policy.minBytesPerSec) {
        give('too-slow', `${Math.round(rate)} bytes/s over ${seconds(now - windowStart)}, below the ${policy.minBytesPerSec} bytes/s Lectern waits for.`);
      } else {
        windowStart = now;
        windowBytes = 0;
      }
    }
  };
  const watch = startWatchdog(signal, policy, check);

  const toAnswer = () => {
    phase = 'answer';
    phaseStart = Date.now();
  };
  return {
    signal: watch.controller.signal,
    expectBody(bytes) {
      bodyBytes = bytes;
      sent = 0;
      if (bytes === 0) return;
      phase = 'body';
      phaseStart = lastByteAt = windowStart = Date.now();
      windowBytes = 0;
    },
    bodySent(n) {
      sent += n;
      windowBytes += n;
      if (n > 0) lastByteAt = Date.now();
      if (phase === 'body' && sent >= bodyBytes) toAnswer();
    },
    hold() {
      heldAt ??= Date.now();
    },
    release() {
      if (heldAt === null) return;
      const held = Date.now() - heldAt;
      heldAt = null;
      lastByteAt += held;
      windowStart += held;
      phaseStart += held;
    },
    stall: () => stalled,
    done: () => watch.stop(),
  };
}

interface NetworkShape {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/**
 * What a failed attempt looked like from here, in the words of the retry line: stalled, too slow,
 * refused, cut off, or the server's own error answer.
 */
export function describeAttempt(err: unknown, subject: string, hub: string, detail: string): string {
  return err instanceof StallError ? err.headline : formatText({ key: 'svc.uploads.attempt', values: { subject, hub, how: attemptKind(err), detail } });
}

type AttemptKind = 'refused' | 'cutOff' | 'noConnect' | 'quiet' | 'failed';

function attemptKind(err: unknown): AttemptKind {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NetworkShape;
  const code = typeof e.code === 'string' ? e.code : '';
  const text = `${typeof e.message === 'string' ? e.message : ''} ${code}`;
  if (code === 'ECONNREFUSED') return 'refused';
  // The SDK names resets "TimeoutError" too; the Node code says what really happened.
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'cutOff';
  if (/did not establish a connection/.test(text)) return 'noConnect';
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT') return 'quiet';
  if (/premature|hang up|socket|aborted/i.test(text) && e.$metadata?.httpStatusCode === undefined) return 'cutOff';
  return 'failed';
}

/** The retry line as a message id and values (the same English as `uploadRetryNotice(describeAttempt(…))`). */
export function uploadRetryText(err: unknown, subject: string, hub: string, detail: string, delayMs: number, attempt: number, maxAttempts: number): ServiceText {
  const retry = { seconds: String(Math.ceil(delayMs / 1000)), attempt: String(attempt + 1), max: String(maxAttempts) };
  if (err instanceof StallError) return { key: 'svc.uploads.retrying', values: { cause: err.headline, ...retry } };
  return { key: 'svc.uploads.retryAttempt', values: { subject, hub, how: attemptKind(err), detail, ...retry } };
}

/** The retry line the UI and the CLI show: "<file> to <hub> stalled mid-transfer; retrying in N s (attempt k of n)". */
export function uploadRetryNotice(what: string, delayMs: number, attempt: number, maxAttempts: number): string {
  return `${what}; retrying in ${Math.ceil(delayMs / 1000)} s (attempt ${attempt + 1} of ${maxAttempts})`;
}
