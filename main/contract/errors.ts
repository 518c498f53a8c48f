import type { FailureCode, FailureParams } from './failures';
import type { ServiceText } from './service-text';

/**
 * Error codes that cross the IPC boundary. Services throw `LecternError`; the dispatcher turns any
 * thrown value into a serialisable `ErrorData` so the renderer can show it and branch on `code`.
 */
export const errorCodes = [
  'invalid-input',
  'unknown-channel',
  'not-found',
  'conflict',
  'forbidden',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** Field-level problems for `invalid-input`, keyed by dotted path ('' for the whole input). */
  issues?: { path: string; message: string; text?: ServiceText }[];
  /** What went wrong, for the renderer's sentence table; `message` then only goes under "Details". */
  failure?: FailureCode;
  params?: FailureParams;
  /** The sentence as a message id and values, for the renderer to say in the user's language. */
  text?: ServiceText;
}

export interface FailureInfo {
  failure?: FailureCode | null | undefined;
  params?: FailureParams | undefined;
  text?: ServiceText | undefined;
}

export class LecternError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorData['issues'];
  failure: FailureCode | undefined;
  params: FailureParams | undefined;
  text: ServiceText | undefined;

  constructor(code: ErrorCode, message: string, issues?: ErrorData['issues'], info?: FailureInfo) {
    super(message);
    this.name = 'LecternError';
    this.code = code;
    this.issues = issues;
    this.failure = info?.failure ?? undefined;
    this.params = info?.params;
    this.text = info?.text;
  }

  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.text ? { text: this.text } : {}),
    };
  }

  static fromData(data: ErrorData): LecternError {
    return new LecternError(data.code, data.message, data.issues, { failure: data.failure, params: data.params, text: data.text });
  }
}

/** What every invoke returns on the wire: never a thrown exception, always a value or an error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
