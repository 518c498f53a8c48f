import { describeError } from './errors/error-text';

/** The sentence to show next to a field: the first field issue if main gave one, else what the failure means. */
export function fieldErrorText(err: unknown): string {
  return describeError(err).sentence;
}
