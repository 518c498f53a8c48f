import type { HubFailureReason } from '../../../main/contract/domains/publishing-types';
import { LecternError, type ErrorCode } from '../../../main/contract/errors';
import { classifyFailure, type FailureCode, type FailureParams } from '../../../main/contract/failures';

/**
 * Every sentence an error is shown with, in one table keyed by failure code, so a translation replaces
 * this module only. The technical text never goes into a sentence: it is shown under "Details".
 */
const SENTENCES: Record<FailureCode, (p: FailureParams) => string> = {
  'connection-refused': (p) => `Nothing answered at ${where(p)}: check the endpoint address and port, and that the server is running, then try again.`,
  'host-not-found': (p) => `Lectern could not find ${where(p)}: check the address for typos and that this computer is online.`,
  timeout: (p) => `${cap(where(p))} is answering too slowly: check your network connection, then try again.`,
  network: (p) => `The connection to ${where(p)} was interrupted: check your network connection, then try again.`,
  'credentials-invalid': (p) => `${cap(where(p))} did not accept the access key or secret: check both in the hub settings.`,
  'credentials-expired': (p) => `The temporary credentials for ${where(p)} have expired: paste fresh ones in the hub settings.`,
  'bucket-missing': (p) => `The bucket ${p.bucket ? `“${p.bucket}” ` : ''}does not exist on ${where(p)}: create it, or correct the bucket name in the hub settings.`,
  'clock-skew': (p) => `This computer's clock is too far off for ${where(p)}: set the date and time to update automatically, then try again.`,
  'access-denied': (p) => `The key for ${where(p)} is not allowed to do this: ask the hub's owner for the permission, or use another key.`,
  throttled: (p) => `${cap(where(p))} is busy and asked Lectern to slow down: wait a minute, then try again.`,
  'server-unavailable': (p) => `${cap(where(p))} is having problems right now: wait a few minutes, then try again.`,
  'unsupported-server': (p) => `${cap(where(p))} does not support something Lectern needs: use a fully S3-compatible storage service.`,
  'media-unreadable': (p) => `${p.file ? `“${p.file}”` : 'This file'} is not a video Lectern can read: choose a video file such as MP4, MOV or MKV.`,
  'media-damaged': (p) => `${p.file ? `“${p.file}”` : 'This file'} is damaged or incomplete: export or copy it again, then import the new copy.`,
  'disk-full': () => 'The disk is full: free up some space, then try again.',
};

/** When nothing more specific is known and the message itself is technical. */
const BY_CODE: Record<ErrorCode, string> = {
  'invalid-input': 'Lectern could not use what was entered: check it and try again.',
  'unknown-channel': 'This part of Lectern is out of date: restart Lectern and try again.',
  'not-found': 'What this needs is gone; it may have been moved or deleted: refresh and try again.',
  conflict: 'Something else changed this at the same time: refresh and try again.',
  forbidden: 'Access was refused: check the credentials, then try again.',
  unavailable: 'Lectern could not reach what this needs right now: check your connection, then try again.',
  internal: 'Something went wrong inside Lectern: try again, and if it keeps happening export diagnostics from Settings.',
};

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
  if (failure) return { sentence: SENTENCES[failure](params), details: dedupe(raw), failure };
  const own = error instanceof LecternError && error.issues?.[0] ? error.issues[0].message : raw;
  if (own && !looksTechnical(own)) return { sentence: own, details: null, failure: null };
  const code = error instanceof LecternError ? error.code : 'internal';
  return { sentence: BY_CODE[code], details: dedupe(raw), failure: null };
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

/** A stored error (a publish run's, a connection test's) with the hub's reason, ready for `describeError`. */
export function storedHubError(message: string, reason: HubFailureReason | null): { message: string; failure?: FailureCode } {
  const failure = reason ? HUB_REASON_FAILURE[reason] : undefined;
  return failure ? { message, failure } : { message };
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

function where(p: FailureParams): string {
  return p.hub ? `“${p.hub}”` : 'the server';
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
