/**
 * What went wrong, as a code the renderer turns into a sentence (one table, `renderer/src/errors/`), so
 * no English is baked into a service answer that a translation could not replace. Services attach a
 * failure to the `ErrorData` they send; stored job and run errors are plain text, so the classifier also
 * reads text.
 */
export const failureCodes = [
  'connection-refused',
  'host-not-found',
  'timeout',
  'network',
  'credentials-invalid',
  'credentials-expired',
  'bucket-missing',
  'clock-skew',
  'access-denied',
  'throttled',
  'server-unavailable',
  'unsupported-server',
  'media-unreadable',
  'media-damaged',
  'disk-full',
] as const;
export type FailureCode = (typeof failureCodes)[number];

/** Values a sentence may name; all optional, the sentence reads well without them. */
export interface FailureParams {
  hub?: string;
  bucket?: string;
  file?: string;
}

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && (failureCodes as readonly string[]).includes(value);
}

// Order matters: the more specific answer wins (a 403 SignatureDoesNotMatch is a wrong secret, not "denied").
const BY_NAME: [FailureCode, readonly string[]][] = [
  ['credentials-expired', ['ExpiredToken', 'TokenRefreshRequired', 'InvalidToken', 'ExpiredTokenException']],
  ['credentials-invalid', ['SignatureDoesNotMatch', 'InvalidAccessKeyId', 'InvalidSecurity', 'AuthorizationHeaderMalformed', 'InvalidClientTokenId']],
  ['clock-skew', ['RequestTimeTooSkewed', 'RequestExpired']],
  ['bucket-missing', ['NoSuchBucket']],
  ['access-denied', ['AccessDenied', 'AllAccessDisabled', 'AccountProblem']],
  ['throttled', ['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequests', 'TooManyRequestsException', 'RequestLimitExceeded']],
  ['unsupported-server', ['NotImplemented', 'MethodNotAllowed', 'NotSupported', 'UnsupportedOperation']],
  ['server-unavailable', ['ServiceUnavailable', 'InternalError']],
  ['timeout', ['TimeoutError', 'RequestTimeout', 'StallError']],
];

const BY_ERRNO: [FailureCode, readonly string[]][] = [
  ['connection-refused', ['ECONNREFUSED']],
  ['host-not-found', ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']],
  ['timeout', ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']],
  ['disk-full', ['ENOSPC', 'EDQUOT']],
  ['network', ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET']],
];

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  errno?: unknown;
  failure?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * The failure an error object (an AWS SDK exception, a Node system error, a LecternError that already
 * carries one, or any of them wrapped as `cause`) or a stored error text stands for; null when it is none
 * of the known classes.
 */
export function classifyFailure(err: unknown, depth = 0): FailureCode | null {
  if (typeof err === 'string') return classifyText(err);
  if (typeof err !== 'object' || err === null || depth > 4) return null;
  const e = err as ErrorShape;
  if (isFailureCode(e.failure)) return e.failure;
  const names = [e.name, e.Code, e.code].filter((v): v is string => typeof v === 'string');
  for (const [failure, list] of [...BY_NAME, ...BY_ERRNO]) if (names.some((n) => list.includes(n))) return failure;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const fromCause = e.cause !== undefined ? classifyFailure(e.cause, depth + 1) : null;
  if (fromCause) return fromCause;
  if (status !== undefined) {
    if (status === 429) return 'throttled';
    if (status === 403) return 'access-denied';
    if (status === 501 || status === 405) return 'unsupported-server';
    if (status === 503 || status === 502 || status === 500) return 'server-unavailable';
    if (status === 408 || status === 504) return 'timeout';
  }
  return typeof e.message === 'string' ? classifyText(e.message) : null;
}

/** Stored errors keep the SDK's code or the errno in their text; the first token found decides. */
function classifyText(text: string): FailureCode | null {
  for (const [failure, list] of [...BY_NAME, ...BY_ERRNO]) if (list.some((token) => new RegExp(`\\b${token}\\b`).test(text))) return failure;
  if (/\bHTTP 429\b/.test(text)) return 'throttled';
  if (/\bHTTP 503\b/.test(text)) return 'server-unavailable';
  if (/\bHTTP 403\b/.test(text)) return 'access-denied';
  if (/no space left on device/i.test(text)) return 'disk-full';
  if (/getaddrinfo/i.test(text)) return 'host-not-found';
  if (/stalled|timed out|no progress for/i.test(text)) return 'timeout';
  return null;
}
