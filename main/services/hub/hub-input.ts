import type { z } from 'zod';
import { LecternError } from '../../contract/errors';

export { HubInput, HubPatch, type HubFields } from '../../contract/domains/hub-schemas';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new LecternError('invalid-input', `The ${what} is not valid: ${issues.map((i) => `${i.path || '(all)'} ${i.message}`).join('; ')}.`, issues);
}
