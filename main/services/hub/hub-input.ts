import { z } from 'zod';
import { LecternError } from '../../contract/errors';

/** S3 bucket naming rules (the strict, DNS-compatible subset every S3 clone accepts). */
const Bucket = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit');

const Endpoint = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http(s) URL such as https://s3.eu-west-1.amazonaws.com');

/** Stored without a leading slash and with a trailing one, so keys are always `${prefix}${name}`. */
const KeyPrefix = z
  .string()
  .trim()
  .max(256)
  .regex(/^[A-Za-z0-9._~\-/]*$/, 'may contain only letters, digits, ".", "_", "~", "-" and "/"')
  .refine((s) => !s.split('/').includes('..'), 'must not contain ".."')
  .transform((s) => {
    const trimmed = s.replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `${trimmed}/`;
  });

export const HubInput = z.object({
  name: z.string().trim().min(1).max(100),
  endpoint: Endpoint,
  region: z.string().trim().min(1).max(64).default('us-east-1'),
  bucket: Bucket,
  keyPrefix: KeyPrefix.default(''),
  pathStyle: z.boolean().default(false),
  accessKeyId: z.string().trim().min(1).max(256),
  secretAccessKey: z.string().min(1).max(1024),
  /** Temporary (STS) credentials: the token and when it stops working. */
  sessionToken: z.string().min(1).max(8192).optional(),
  sessionExpiresAt: z.number().int().positive().optional(),
});
export type HubInput = z.input<typeof HubInput>;
export type HubFields = z.output<typeof HubInput>;

/** For updates every field is optional; an absent secret keeps the stored one. `sessionToken: null` removes it. */
export const HubPatch = HubInput.partial().extend({ sessionToken: z.string().min(1).max(8192).nullable().optional() });
export type HubPatch = z.input<typeof HubPatch>;

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new LecternError('invalid-input', `The ${what} is not valid: ${issues.map((i) => `${i.path || '(all)'} ${i.message}`).join('; ')}.`, issues);
}
