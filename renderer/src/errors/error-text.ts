import type { HubFailureReason } from '../../../main/contract/domains/publishing-types';
import { LecternError } from '../../../main/contract/errors';
import { classifyFailure, type FailureCode, type FailureParams } from '../../../main/contract/failures';
import { codeText, failureText, type ServiceText } from '../../../main/contract/service-text';
import { translate } from '../i18n/format';

const say = (text: ServiceText): string => translate(text.key, text.values);

// Every sentence an error is shown with is a message in main/contract/messages (failure.*, error.*, and
// the ids services attach), so the CLI says the same in the same language. The technical text never goes
// into a sentence: it is shown under "Details".

/** An error a renderer-side table has already put into words (the player's), with its technical text. */
export interface Described {
  sentence: string;
  details: string;
}

function isDescribed(error: unknown): error is Described {
  return typeof error === 'object' && error !== null && 'sentence' in error && typeof error.sentence === 'string' && 'details' in error;
}

export interface ErrorText {
  /** One sentence: what happened and what to do. */
  sentence: string;
  /** The technical text, repeated parts removed; null when the sentence already says it all. */
  details: string | null;
  failure: FailureCode | null;
}

/**
 * Turns whatever failed (a LecternError from `call`, a stored job/run error text, any thrown value) into
 * a sentence and its details. `context` fills in what the caller knows (the hub's name) when the error
 * does not carry it.
 */
export function describeError(error: unknown, context: FailureParams = {}): ErrorText {
  if (isDescribed(error)) return { sentence: error.sentence, details: dedupe(String(error.details)), failure: null };
  const raw = rawText(error);
  const failure = error instanceof LecternError ? (error.failure ?? classifyFailure(raw)) : classifyFailure(error);
  const params = { ...context, ...(error instanceof LecternError ? error.params : undefined) };
  if (error instanceof LecternError && error.text) {
    // The service worded it as a message; its English `message` says the same, so Details shows only the
    // technical cause the message carries (by convention its `cause` value), if any.
    const cause = error.text.values?.cause;
    return { sentence: say(error.text), details: cause === undefined ? null : dedupe(String(cause)), failure: failure ?? null };
  }
  if (failure) return { sentence: say(failureText(failure, params)), details: dedupe(raw), failure };
  const issue = error instanceof LecternError ? error.issues?.[0] : undefined;
  if (issue?.text) return { sentence: say(issue.text), details: null, failure: null };
  const own = issue ? issue.message : raw;
  if (own && !looksTechnical(own)) return { sentence: own, details: null, failure: null };
  const code = error instanceof LecternError ? error.code : 'internal';
  return { sentence: say(codeText(code)), details: dedupe(raw), failure: null };
}

function rawText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** The hub's coarse reason, where it says more than the stored text can ('retryable' does not: the text decides). */
const HUB_REASON_FAILURE: Partial<Record<HubFailureReason, FailureCode>> = {
  'credentials-expired': 'credentials-expired',
  'credentials-invalid': 'credentials-invalid',
  'bucket-missing': 'bucket-missing',
  'access-denied': 'access-denied',
  unsupported: 'unsupported-server',
};

/** A stored error (a media job's) with its message id when it has one (migration 0016), ready for `describeError`. */
export function storedError(message: string, text?: ServiceText | null): LecternError | string {
  // A classified failure in the cause (a full disk) says more than "the job failed": then the text stays unused.
  return text && !classifyFailure(message) ? new LecternError('internal', message, undefined, { text }) : message;
}

/** A stored error (a publish run's, a connection test's) with the hub's reason, ready for `describeError`. */
export function storedHubError(message: string, reason: HubFailureReason | null, text?: ServiceText | null): LecternError | { message: string; failure?: FailureCode } {
  const failure = reason ? HUB_REASON_FAILURE[reason] : undefined;
  if (failure) return { message, failure };
  // Otherwise as any stored error: its message id (migration 0016), unless the text names a classified failure.
  const stored = storedError(message, text);
  return typeof stored === 'string' ? { message } : stored;
}

/** Error names, errno codes, status lines, stacks and tool output are for Details, not for the sentence. */
export function looksTechnical(text: string): boolean {
  return (
    text.length > 300 ||
    /\b(E[A-Z]{4,}|[A-Z][a-z]+Error|Error:|retryable|fatal|HTTP \d{3}|ffprobe|ffmpeg:|\$metadata)\b|\n\s+at /.test(text) ||
    /\b[A-Z][a-z]+[A-Z]\w+:/.test(text)
  );
}

/** The same detail often arrives several times (per probe, per retry, wrapped by each layer): keep the first. */
export function dedupe(text: string): string | null {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const line of text.split(/\n+/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const key = trimmed.replace(/^\w[\w-]*:\s*/, '').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(trimmed);
  }
  return parts.length ? parts.join('\n') : null;
}
