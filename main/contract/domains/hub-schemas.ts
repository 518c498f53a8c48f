import { z } from 'zod';

/** S3 bucket naming rules (the strict, DNS-compatible subset every S3 clone accepts). */
const Bucket = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'Bucket must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit');

const Endpoint = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'Endpoint must be an http(s) URL such as https://s3.eu-west-1.amazonaws.com');

/** Stored without a leading slash and with a trailing one, so keys are always `${prefix}${name}`. */
const KeyPrefix = z
  .string()
  .trim()
  .max(256, 'Key prefix is at most 256 characters')
  .regex(/^[A-Za-z0-9._~\-/]*$/, 'Key prefix may contain only letters, digits, ".", "_", "~", "-" and "/"')
  .refine((s) => !s.split('/').includes('..'), 'Key prefix must not contain ".."')
  .transform((s) => {
    const trimmed = s.replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `${trimmed}/`;
  });

const SessionToken = z.string().min(1, 'Session token cannot be empty').max(8192, 'Session token is too long');

const fields = {
  name: z.string().trim().min(1, 'Name cannot be empty').max(100, 'Name is at most 100 characters'),
  endpoint: Endpoint,
  region: z.string().trim().min(1, 'Region cannot be empty').max(64, 'Region is at most 64 characters'),
  bucket: Bucket,
  keyPrefix: KeyPrefix,
  pathStyle: z.boolean(),
  accessKeyId: z.string().trim().min(1, 'Access key id cannot be empty').max(256, 'Access key id is at most 256 characters'),
  secretAccessKey: z.string().min(1, 'Secret access key cannot be empty').max(1024, 'Secret access key is too long'),
  /** Temporary (STS) credentials: the token and when it stops working. */
  sessionToken: SessionToken,
  sessionExpiresAt: z.number().int().positive('Session expiry must be a time in epoch milliseconds'),
};

/** A hub profile as the instructor enters it; the secret key and session token go to the keychain only. */
export const HubInput = z.strictObject({
  ...fields,
  region: fields.region.default('us-east-1'),
  keyPrefix: fields.keyPrefix.default(''),
  pathStyle: fields.pathStyle.default(false),
  sessionToken: fields.sessionToken.optional(),
  sessionExpiresAt: fields.sessionExpiresAt.optional(),
});
export type HubInput = z.input<typeof HubInput>;
export type HubFields = z.output<typeof HubInput>;

/**
 * For updates every field is optional and has no default (a default would reset the stored value); an
 * absent secret keeps the stored one. `sessionToken: null` removes it.
 */
export const HubPatch = z.strictObject(fields).partial().extend({ sessionToken: SessionToken.nullable().optional() });
export type HubPatch = z.input<typeof HubPatch>;

/**
 * Read-only credentials a student reads a private library hub with (GetObject is all they need). The
 * secret and the session token go to the keychain only and are never returned.
 */
export const ReadOnlyHubCredentials = z.strictObject({
  accessKeyId: fields.accessKeyId,
  secretAccessKey: fields.secretAccessKey,
  region: fields.region.default('us-east-1'),
  sessionToken: fields.sessionToken.optional(),
  sessionExpiresAt: fields.sessionExpiresAt.optional(),
});
export type ReadOnlyHubCredentialsInput = z.input<typeof ReadOnlyHubCredentials>;
export type ReadOnlyHubCredentials = z.output<typeof ReadOnlyHubCredentials>;
