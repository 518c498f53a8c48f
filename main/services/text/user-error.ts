import { LecternError, type ErrorCode, type ErrorData } from '../../contract/errors';
import type { FailureCode, FailureParams } from '../../contract/failures';
import type { TextKey, TextValues } from '../../contract/service-text';
import { formatText } from './format-text';

export interface UserErrorExtras {
  issues?: ErrorData['issues'];
  failure?: FailureCode | null;
  params?: FailureParams;
}

/**
 * An error whose sentence is a catalog message: the UI (and the CLI under LANG) says it in the user's
 * language, while `message` keeps the English sentence for logs, Details and the default CLI output.
 */
export function userError(code: ErrorCode, key: TextKey, values?: TextValues, extras: UserErrorExtras = {}): LecternError {
  const text = values ? { key, values } : { key };
  return new LecternError(code, formatText(text), extras.issues, { failure: extras.failure, params: extras.params, text });
}
