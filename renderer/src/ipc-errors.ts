import { LecternError } from '../../main/contract/errors';

/** The sentence to show next to a field: the first field issue if main gave one, else its message. */
export function fieldErrorText(err: unknown): string {
  if (err instanceof LecternError) {
    const issue = err.issues?.[0];
    return issue ? issue.message : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
