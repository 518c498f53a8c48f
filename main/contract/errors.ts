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
  issues?: { path: string; message: string }[];
}

export class LecternError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorData['issues'];

  constructor(code: ErrorCode, message: string, issues?: ErrorData['issues']) {
    super(message);
    this.name = 'LecternError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: ErrorData): LecternError {
    return new LecternError(data.code, data.message, data.issues);
  }
}

/** What every invoke returns on the wire: never a thrown exception, always a value or an error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
