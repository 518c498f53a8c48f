import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { LecternError, type ErrorCode, type FailureInfo } from '../../contract/errors';
import { classifyFailure, type FailureCode } from '../../contract/failures';
import { classifyS3Error, explainS3Failure, explainS3Text, type S3FailureKind } from '../s3/s3-errors';

/**
 * A hub problem the user must fix (not something a retry fixes). `reason` lets the UI show a distinct
 * state — notably 'credentials-expired', which asks for fresh temporary credentials instead of retrying.
 */
export class HubAccessError extends LecternError {
  constructor(
    readonly reason: Exclude<S3FailureKind, 'aborted'>,
    message: string,
    info?: FailureInfo,
  ) {
    super(codeFor(reason), message, undefined, { failure: info?.failure ?? failureFor(reason), params: info?.params, text: info?.text });
    this.name = 'HubAccessError';
  }
}

/** What the renderer says when nothing more specific is known (a 'retryable' says nothing about why). */
export function failureFor(reason: S3FailureKind): FailureCode | undefined {
  switch (reason) {
    case 'credentials-expired':
    case 'credentials-invalid':
    case 'bucket-missing':
    case 'access-denied':
      return reason;
    case 'unsupported':
      return 'unsupported-server';
    default:
      return undefined;
  }
}

function codeFor(reason: S3FailureKind): ErrorCode {
  switch (reason) {
    case 'credentials-expired':
    case 'credentials-invalid':
    case 'access-denied':
      return 'forbidden';
    case 'bucket-missing':
    case 'upload-missing':
      return 'not-found';
    case 'retryable':
    case 'unsupported':
      return 'unavailable';
    default:
      return 'internal';
  }
}

/** Turns any S3 error into a HubAccessError naming the hub and bucket (aborts are passed through unchanged). */
export function toHubError(err: unknown, where: { hub: string; bucket: string }): unknown {
  if (err instanceof HubAccessError) return err;
  const f = classifyS3Error(err);
  if (f.kind === 'aborted') return err;
  const failure = classifyFailure(err);
  // A failure code's sentence is already said in every language; the others (a refused request, a lost upload) need theirs.
  const text = failure || failureFor(f.kind) ? undefined : explainS3Text(f, where);
  return new HubAccessError(f.kind, explainS3Failure(f, where), { failure, params: { hub: where.hub, bucket: where.bucket }, text });
}

/** A HubAccessError worded as a catalog message (its English in `message`, the id for the UI in `text`). */
export function hubAccessError(reason: Exclude<S3FailureKind, 'aborted'>, text: ServiceText): HubAccessError {
  return new HubAccessError(reason, formatText(text), { text });
}
