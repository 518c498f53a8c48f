import type { HubFailureReason } from '../../contract/domains/publishing-types';
import { LecternError } from '../../contract/errors';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { HubAccessError } from '../hub/hub-error';
import { classifyS3Error, explainS3Failure } from '../s3/s3-errors';
import { RetriesExhaustedError } from '../uploads/upload-engine';

export interface RunFailure {
  message: string;
  /** `message` as a message id, when the error carried one. */
  text?: ServiceText;
  reason: HubFailureReason | null;
}

/**
 * The sentence a failed run shows and the kind the UI branches on. S3 errors name the hub and bucket and
 * what to fix; local problems (a file gone from the data folder) keep their own message.
 */
export function describeRunFailure(err: unknown, where: { hub: string; bucket: string } | null): RunFailure {
  if (err instanceof HubAccessError) return { message: err.message, reason: err.reason };
  if (err instanceof RetriesExhaustedError) return { message: err.message, reason: 'retryable' };
  if (err instanceof LecternError) return { message: err.message, ...(err.text ? { text: err.text } : {}), reason: null };
  const fromS3 = typeof err === 'object' && err !== null && '$metadata' in err;
  const f = classifyS3Error(err);
  if (where && (fromS3 || f.kind !== 'fatal')) return { message: explainS3Failure(f, where), reason: f.kind };
  const text: ServiceText = { key: 'svc.publishing.stopped', values: { cause: err instanceof Error ? err.message : String(err) } };
  return { message: formatText(text), text, reason: null };
}
