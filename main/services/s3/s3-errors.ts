import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';

/**
 * What a failed S3 call means for Lectern: retry it, or stop and tell the user what to fix. Codes come
 * from the S3 error XML (`err.name` in SDK v3); network failures carry a Node `code` instead.
 */
export type S3Failure =
  | { kind: 'retryable'; detail: string }
  | { kind: 'credentials-expired'; detail: string }
  | { kind: 'credentials-invalid'; detail: string }
  | { kind: 'bucket-missing'; detail: string }
  | { kind: 'access-denied'; detail: string }
  | { kind: 'upload-missing'; detail: string }
  | { kind: 'aborted'; detail: string }
  /** The server does not implement this call (501 NotImplemented, 405 MethodNotAllowed): permanent for it. */
  | { kind: 'unsupported'; detail: string }
  | { kind: 'fatal'; detail: string };

export type S3FailureKind = S3Failure['kind'];

const RETRYABLE_CODES = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeTooSkewed', 'Throttling', 'ThrottlingException', 'TooManyRequests', 'BadDigest', 'IncompleteBody']);
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNSUPPORTED_CODES = new Set(['NotImplemented', 'MethodNotAllowed', 'NotSupported', 'UnsupportedOperation']);
const EXPIRED_CODES = new Set(['ExpiredToken', 'TokenRefreshRequired', 'InvalidToken']);
const INVALID_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSecurity', 'AuthorizationHeaderMalformed']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function classifyS3Error(err: unknown): S3Failure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const status = e.$metadata?.httpStatusCode;
  const message = typeof e.message === 'string' && e.message !== 'UnknownError' ? e.message : '';
  const detail = [name || code, status ? `HTTP ${status}` : '', message].filter(Boolean).join(': ');

  if (name === 'AbortError') return { kind: 'aborted', detail };
  if (EXPIRED_CODES.has(name)) return { kind: 'credentials-expired', detail };
  if (INVALID_CODES.has(name)) return { kind: 'credentials-invalid', detail };
  if (name === 'NoSuchBucket') return { kind: 'bucket-missing', detail };
  if (name === 'NoSuchUpload') return { kind: 'upload-missing', detail };
  if (name === 'AccessDenied' || name === 'AllAccessDisabled' || status === 403) return { kind: 'access-denied', detail };
  // Before the 5xx rule: a 501 is an answer about the server, not a passing failure.
  if (UNSUPPORTED_CODES.has(name) || status === 501 || status === 405) return { kind: 'unsupported', detail };
  if (RETRYABLE_CODES.has(name) || name === 'TimeoutError' || NETWORK_CODES.has(code)) return { kind: 'retryable', detail };
  if (status !== undefined && (status >= 500 || status === 429 || status === 408)) return { kind: 'retryable', detail };
  // The SDK wraps a truncated or unparsable response (a reset mid-body) without an HTTP status.
  if (status === undefined && (e.cause !== undefined || /socket|network|ECONNRESET|EPIPE|aborted|premature|hang up/i.test(`${message} ${code}`))) {
    return { kind: 'retryable', detail };
  }
  return { kind: 'fatal', detail };
}

/** A sentence the user can act on, naming the hub and bucket. */
export function explainS3Failure(f: S3Failure, where: { hub: string; bucket: string }): string {
  return formatText(explainS3Text(f, where));
}

const KIND_VALUE: Record<S3FailureKind, string> = {
  'credentials-expired': 'credentialsExpired',
  'credentials-invalid': 'credentialsInvalid',
  'bucket-missing': 'bucketMissing',
  'access-denied': 'accessDenied',
  'upload-missing': 'uploadMissing',
  retryable: 'retryable',
  aborted: 'aborted',
  unsupported: 'unsupported',
  fatal: 'fatal',
};

/** `explainS3Failure` as a message id and values, for the UI in the user's language. */
export function explainS3Text(f: S3Failure, where: { hub: string; bucket: string }): ServiceText {
  return { key: 'svc.hub.s3Failure', values: { kind: KIND_VALUE[f.kind], hub: where.hub, bucket: where.bucket, cause: f.detail } };
}
