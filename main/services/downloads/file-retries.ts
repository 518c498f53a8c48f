import type { Logger } from '../log/logger';
import { TransientError } from './hub-fetch';
import { backoffDelay, sleep, type RetryPolicy } from './retry';
import type { ServiceText } from '../../contract/service-text';
import { retryNoticeText } from './stall-guard';
import { formatText } from '../text/format-text';

export interface FileRetryOptions {
  policy: RetryPolicy;
  signal: AbortSignal;
  log?: Logger | undefined;
  /** Names the file in the log. */
  context: { id: string; file: number };
  /** The "<file> from <hub> stalled; retrying in N s (attempt k of n)" line, said before each wait. */
  onRetry(notice: string, text: ServiceText): void;
}

/**
 * Runs one file's transfer until it succeeds, retrying transient failures (resets, stalls, 5xx) with
 * full-jitter backoff; anything else, or the last failure, is thrown. Resolves with the attempts it took.
 */
export async function withFileRetries(o: FileRetryOptions, transfer: () => Promise<void>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await transfer();
      return attempt + 1;
    } catch (err) {
      if (o.signal.aborted) throw o.signal.reason;
      if (!(err instanceof TransientError) || attempt + 1 >= o.policy.maxAttempts) {
        throw err instanceof TransientError ? new Error(`${err.message} (gave up after ${attempt + 1} attempts)`) : err;
      }
      const delay = backoffDelay(o.policy, attempt);
      o.log?.log('warn', 'download retry', { ...o.context, attempt: attempt + 1, error: err.message });
      const text = retryNoticeText(err, delay, attempt + 1, o.policy.maxAttempts);
      o.onRetry(formatText(text), text);
      await sleep(delay, o.signal);
    }
  }
}
