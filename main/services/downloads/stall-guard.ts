import type { ServiceText } from '../../contract/service-text';
import { hubFetch, readCapped, TransientError } from './hub-fetch';

/**
 * Progress deadlines for one transfer. Not a total timeout: a big file on a slow but working link must
 * finish. A transfer is given up (and retried by its caller) when the hub sends no answer, stops sending,
 * or keeps sending below a minimum rate for a whole window.
 */
export interface StallPolicy {
  /** Longest wait for the response headers. */
  headersMs: number;
  /** Longest time without a single byte of the body. */
  idleMs: number;
  /** Slowest accepted average rate, measured over `slowWindowMs`. */
  minBytesPerSec: number;
  slowWindowMs: number;
}

export const DEFAULT_STALL: Readonly<StallPolicy> = { headersMs: 30_000, idleMs: 30_000, minBytesPerSec: 1024, slowWindowMs: 60_000 };

export type StallKind = 'no-answer' | 'stalled' | 'too-slow';

/** A transfer given up for lack of progress; transient, so callers retry it with backoff. */
export class StallError extends TransientError {
  constructor(
    message: string,
    readonly kind: StallKind,
    /** The short form for a retry line, e.g. "seg_3.ts from hub.example stalled". */
    readonly headline: string,
    /** The file and the host the headline names, for the retry line in other languages. */
    readonly where?: { file: string; host: string },
  ) {
    super(message);
    this.name = 'StallError';
  }
}

export interface TransferGuard {
  /** Pass to fetch: aborted with a `StallError` as its reason when the transfer stops progressing. */
  signal: AbortSignal;
  headersReceived(): void;
  bytesReceived(n: number): void;
  /** The stall that aborted the transfer, if that is what happened. */
  stall(): StallError | null;
  /** Stops watching; call in `finally`. */
  done(): void;
}

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export interface Watchdog {
  /** Aborted with the caller's reason when the caller cancels, or by the guard when progress stops. */
  controller: AbortController;
  stop(): void;
}

/**
 * What every progress guard shares (downloads here, S3 requests in s3/request-guard.ts): its own abort
 * controller that follows the caller's signal, and `check` run on a tick a quarter of the shortest deadline.
 */
export function startWatchdog(signal: AbortSignal, policy: StallPolicy, check: () => void): Watchdog {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', onAbort, { once: true });
  const tick = Math.max(10, Math.min(1000, Math.floor(Math.min(policy.headersMs, policy.idleMs, policy.slowWindowMs) / 4)));
  const timer = setInterval(check, tick);
  timer.unref?.();
  return {
    controller,
    stop() {
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Watches one transfer of `what` (e.g. "media/l1/seg_3.ts") from `host`. The caller's `signal` still
 * cancels as before; the guard's own abort is told apart by `stall()`.
 */
export function guardTransfer(what: string, host: string, signal: AbortSignal, policy: StallPolicy = DEFAULT_STALL): TransferGuard {
  const started = Date.now();
  let headersAt: number | null = null;
  let lastByteAt = started;
  let total = 0;
  let windowStart = started;
  let windowBytes = 0;
  let stalled: StallError | null = null;
  const headlines: Record<StallKind, string> = { 'no-answer': 'got no answer', stalled: 'stalled', 'too-slow': 'is too slow' };
  const give = (message: string, kind: StallKind) => {
    stalled = new StallError(message, kind, `${what} from ${host} ${headlines[kind]}`, { file: what, host });
    watch.controller.abort(stalled);
  };
  const check = () => {
    const now = Date.now();
    if (headersAt === null) {
      if (now - started >= policy.headersMs) give(`${what} from ${host} got no answer: the hub accepted the connection but sent nothing for ${seconds(now - started)}.`, 'no-answer');
      return;
    }
    if (now - lastByteAt >= policy.idleMs) {
      give(`${what} from ${host} stalled: no data for ${seconds(now - lastByteAt)} after ${total} bytes.`, 'stalled');
    } else if (now - windowStart >= policy.slowWindowMs) {
      const rate = (windowBytes * 1000) / (now - windowStart);
      if (rate < policy.minBytesPerSec) {
        give(`${what} from ${host} is too slow: ${Math.round(rate)} bytes/s over ${seconds(now - windowStart)}, below the ${policy.minBytesPerSec} bytes/s Lectern waits for.`, 'too-slow');
      } else {
        windowStart = now;
        windowBytes = 0;
      }
    }
  };
  const watch = startWatchdog(signal, policy, check);
  return {
    signal: watch.controller.signal,
    headersReceived() {
      if (headersAt !== null) return;
      headersAt = Date.now();
      lastByteAt = headersAt;
      windowStart = headersAt;
    },
    bytesReceived(n) {
      total += n;
      windowBytes += n;
      if (n > 0) lastByteAt = Date.now();
    },
    stall: () => stalled,
    done: () => watch.stop(),
  };
}

/** The retry line the UI and the CLI show: "<file> from <hub> stalled; retrying in N s (attempt k of n)". */
/**
 * The retry line ("<file> from <hub> stalled; retrying in N s (attempt k of n)") as a message id and
 * values: a stall is worded in each language, another cause kept as is.
 */
export function retryNoticeText(err: Error, delayMs: number, attempt: number, maxAttempts: number): ServiceText {
  const retry = { seconds: String(Math.ceil(delayMs / 1000)), attempt: String(attempt + 1), max: String(maxAttempts) };
  if (err instanceof StallError && err.where) {
    const kind = err.kind === 'no-answer' ? 'noAnswer' : err.kind === 'stalled' ? 'stalled' : 'tooSlow';
    return { key: 'svc.downloads.retryStall', values: { ...err.where, kind, ...retry } };
  }
  const what = err instanceof StallError ? err.headline : err.message.replace(/\.$/, '');
  return { key: 'svc.downloads.retrying', values: { cause: what, ...retry } };
}

/**
 * GETs a small hub document (catalog, manifest, playlist) whole under progress deadlines: the error says
 * whether the hub gave no answer, stalled or was too slow, instead of a generic dropped connection.
 */
export async function fetchDocumentGuarded(
  url: URL,
  base: URL,
  maxBytes: number,
  label: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
  policy: StallPolicy = DEFAULT_STALL,
): Promise<Buffer> {
  const guard = guardTransfer(label, url.host, signal, policy);
  try {
    const res = await hubFetch(url, base, guard.signal, fetchImpl);
    guard.headersReceived();
    return await readCapped(res, maxBytes, label, (n) => guard.bytesReceived(n));
  } catch (err) {
    throw guard.stall() ?? err;
  } finally {
    guard.done();
  }
}

/** A revalidated document: unchanged since `etag` (a 304, nothing transferred), or its new body and ETag. */
export type Revalidated = { notModified: true } | { notModified: false; body: Buffer; etag: string | null };

/** fetchDocumentGuarded with If-None-Match: a copy the hub says is current costs a 304 and no body. */
export async function revalidateDocumentGuarded(
  url: URL,
  base: URL,
  maxBytes: number,
  label: string,
  etag: string | null,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
  policy: StallPolicy = DEFAULT_STALL,
): Promise<Revalidated> {
  const guard = guardTransfer(label, url.host, signal, policy);
  try {
    const res = await hubFetch(url, base, guard.signal, fetchImpl, etag ? { 'if-none-match': etag } : undefined);
    guard.headersReceived();
    if (res.status === 304) {
      await res.body?.cancel();
      return { notModified: true };
    }
    const body = await readCapped(res, maxBytes, label, (n) => guard.bytesReceived(n));
    return { notModified: false, body, etag: res.headers.get('etag') };
  } catch (err) {
    throw guard.stall() ?? err;
  } finally {
    guard.done();
  }
}
