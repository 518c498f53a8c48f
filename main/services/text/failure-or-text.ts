import type { ErrorCode, LecternError } from '../../contract/errors';
import { classifyFailure, type FailureParams } from '../../contract/failures';
import type { TextKey, TextValues } from '../../contract/service-text';
import { userError } from './user-error';

/**
 * An error wrapping a cause: when the cause is a classified failure (network, credentials, bucket…) the
 * UI's failure sentence says more than "could not …", so the error carries the failure and no text;
 * otherwise it carries the catalog message. Either way `message` is the same English sentence.
 */
export function failureOrText(code: ErrorCode, key: TextKey, values: TextValues, cause: unknown, params?: FailureParams): LecternError {
  const failure = classifyFailure(cause);
  const err = userError(code, key, values, { failure, params });
  if (failure) err.text = undefined;
  return err;
}
