import { LecternError } from '../../contract/errors';
import { backoffDelay, sleep, type RetryPolicy } from '../downloads/retry';
import { classifyS3Error } from '../s3/s3-errors';
import type { PauseGate } from './pause-gate';

export type { RetryPolicy } from '../downloads/retry';

/** Attempts per request, the first included; waits grow 0.5 s, 1 s, 2 s … (full jitter), capped at 20 s. */
export const DEFAULT_UPLOAD_RETRY: Readonly<RetryPolicy> = { maxAttempts: 7, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Retries ran out on a transient failure (5xx, SlowDown, reset, timeout). */
export class RetriesExhaustedError extends LecternError {
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly lastDetail: string,
  ) {
    super('unavailable', `${what} failed ${attempts} times in a row; the last error was ${lastDetail}. The upload stopped; what was sent is kept, so retrying later resumes it.`);
    this.name = 'RetriesExhaustedError';
  }
}

export interface RetryContext {
  policy: RetryPolicy;
  gate: PauseGate;
  cancel: AbortSignal;
  onRetry?: (what: string, attempt: number, detail: string, delayMs: number) => void;
}

/**
 * Runs one S3 request until it succeeds, retrying only transient failures with full-jitter backoff.
 * Anything else (denied, bad credentials, missing bucket…) is thrown at once: retrying cannot fix it and
 * a storm of doomed requests would only delay the message the user needs.
 */
export async function withRetries<T>(ctx: RetryContext, what: string, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
  let failures = 0;
  for (;;) {
    await ctx.gate.whenOpen(ctx.cancel);
    const pause = ctx.gate.signal;
    try {
      return await op(AbortSignal.any([ctx.cancel, pause]));
    } catch (err) {
      if (ctx.cancel.aborted) throw ctx.cancel.reason;
      if (pause.aborted) continue;
      const f = classifyS3Error(err);
      if (f.kind !== 'retryable') throw err;
      failures++;
      if (failures >= ctx.policy.maxAttempts) throw new RetriesExhaustedError(what, failures, f.detail);
      const delay = backoffDelay(ctx.policy, failures - 1);
      ctx.onRetry?.(what, failures, f.detail, delay);
      await sleep(delay, ctx.cancel);
    }
  }
}
