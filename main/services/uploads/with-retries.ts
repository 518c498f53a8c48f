import { LecternError } from '../../contract/errors';
import { backoffDelay, sleep, type RetryPolicy } from '../downloads/retry';
import { StallError, type StallPolicy } from '../downloads/stall-guard';
import { describeAttempt, guardS3Request, uploadRetryNotice, uploadRetryText, type RequestGuard } from '../s3/request-guard';
import { classifyS3Error } from '../s3/s3-errors';
import type { ServiceText } from '../../contract/service-text';
import type { PauseGate } from './pause-gate';

export type { RetryPolicy } from '../downloads/retry';

/** Attempts per request, the first included; waits grow 0.5 s, 1 s, 2 s … (full jitter), capped at 20 s. */
export const DEFAULT_UPLOAD_RETRY: Readonly<RetryPolicy> = { maxAttempts: 7, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Retries ran out on a transient failure (5xx, SlowDown, reset, timeout, stall). */
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

export interface RetryNotice {
  what: string;
  attempt: number;
  detail: string;
  delayMs: number;
  /** The line for the user: "<file> to <hub> stalled mid-transfer; retrying in N s (attempt k of n)". */
  notice: string;
  /** The same line as a message id and values, for the UI in the user's language. */
  noticeText: ServiceText;
}

export interface RetryContext {
  policy: RetryPolicy;
  gate: PauseGate;
  cancel: AbortSignal;
  /** Names the hub in retry lines (its name, else the endpoint's host). */
  hub: string;
  /** Progress deadlines for every request; absent: the defaults (30 s). */
  stall?: StallPolicy;
  onRetry?: (n: RetryNotice) => void;
}

/**
 * Runs one S3 request until it succeeds, retrying only transient failures with full-jitter backoff.
 * Anything else (denied, bad credentials, missing bucket…) is thrown at once: retrying cannot fix it and
 * a storm of doomed requests would only delay the message the user needs. Each attempt runs under
 * progress deadlines (`guardS3Request`); a stall is transient and retried like a reset.
 * `subject` names the file in retry lines ("part 2 of 5 of <key>"); it defaults to `what`.
 */
export async function withRetries<T>(ctx: RetryContext, what: string, op: (signal: AbortSignal, guard: RequestGuard) => Promise<T>, subject = what): Promise<T> {
  let failures = 0;
  for (;;) {
    await ctx.gate.whenOpen(ctx.cancel);
    const pause = ctx.gate.signal;
    const guard = guardS3Request(subject, ctx.hub, AbortSignal.any([ctx.cancel, pause]), ctx.stall);
    try {
      return await op(guard.signal, guard);
    } catch (thrown) {
      if (ctx.cancel.aborted) throw ctx.cancel.reason;
      if (pause.aborted) continue;
      const err = guard.stall() ?? thrown;
      const f = err instanceof StallError ? { kind: 'retryable' as const, detail: err.message } : classifyS3Error(err);
      if (f.kind !== 'retryable') throw err;
      failures++;
      if (failures >= ctx.policy.maxAttempts) throw new RetriesExhaustedError(what, failures, f.detail);
      const delayMs = backoffDelay(ctx.policy, failures - 1);
      const notice = uploadRetryNotice(describeAttempt(err, subject, ctx.hub, f.detail), delayMs, failures, ctx.policy.maxAttempts);
      const noticeText = uploadRetryText(err, subject, ctx.hub, f.detail, delayMs, failures, ctx.policy.maxAttempts);
      ctx.onRetry?.({ what, attempt: failures, detail: f.detail, delayMs, notice, noticeText });
      await sleep(delayMs, ctx.cancel);
    } finally {
      guard.done();
    }
  }
}
