import type { z } from 'zod';
import { issueText } from '../../contract/service-text';
import { userError } from '../text/user-error';

export { HubInput, HubPatch, type HubFields } from '../../contract/domains/hub-schemas';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: 'hub' | 'hub change'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const text = issueText(i.message);
    return { path: i.path.join('.'), message: i.message, ...(text ? { text } : {}) };
  });
  const cause = issues.map((i) => `${i.path || '(all)'} ${i.message}`).join('; ');
  throw userError('invalid-input', 'svc.hub.invalidInput', { what: what === 'hub' ? 'hub' : 'change', cause }, { issues });
}
