/**
 * Removes secrets from what a diagnostics export writes. Two layers, because either alone leaks:
 * the secrets Lectern itself knows (read from the keychain at export time) are removed wherever they
 * appear, in any encoding a log or dump may hold; and patterns catch what it does not know — signed-URL
 * query parameters, Authorization headers, bearer tokens, AWS key ids and secret-named JSON fields.
 */
export const REDACTED = '[REDACTED]';

export interface Redactor {
  /** Text with every secret replaced by [REDACTED]. */
  text(s: string): string;
  /** Binary (crash dumps): secrets overwritten with '*' of the same length, so offsets in the file stay valid. */
  bytes(b: Buffer): Buffer;
}

/** Every rule has two groups (values end at a control character: strings in a dump end at NUL): what stays (a parameter name, a header) and the secret value after it. */
const SECRET_NAME = String.raw`[\w-]*(?:secret|token|password|passwd|passphrase|credential|authorization|accesskeyid|access_key_id|apikey|api_key|downloadkey|download_key|privatekey|private_key|signature)[\w-]*`;
const PATTERNS: readonly RegExp[] = [
  // Presigned S3/GCS/CloudFront URLs: the signature, the key id (in X-Amz-Credential) and the session token.
  // The algorithm, date, expiry and signed-header names stay: they explain a "request expired" failure.
  new RegExp(String.raw`([?&](?:x-amz-(?!algorithm=|date=|expires=|signedheaders=)[\w-]*|x-goog-[\w-]*|awsaccesskeyid|signature|sig|policy|key-pair-id|${SECRET_NAME})=)([^&#\s"'<>\\\x00-\x1f]+)`, 'gi'),
  // Authorization / Proxy-Authorization headers, as header text or as a JSON field.
  /((?:proxy-)?authorization["']?\s*[:=]\s*["']?)([^"'\x00-\x1f]+)/gi,
  /(\bbearer\s+)([\w.~+/=-]+)/gi,
  // The parts of an AWS SigV4 header outside a URL.
  /(\b(?:Credential|Signature)=)([^,\s"'&\x00-\x1f]+)/gi,
  // JSON fields named like a secret: "secretAccessKey":"…", "sessionToken":"…", "downloadKey":"…".
  new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*")((?:[^"\\]|\\.)*)`, 'gi'),
  // name=value / name: value in free text.
  new RegExp(String.raw`(\b${SECRET_NAME}\s*[=:]\s*)([^\s,;"'&<>\x00-\x1f]+)`, 'gi'),
  // AWS access key ids (long-term and temporary) wherever they stand.
  /()(\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b)/g,
];

/** Shorter "secrets" would blank out ordinary words; no real key, token or password is this short. */
const MIN_KNOWN_SECRET = 4;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a secret takes in a log line, a URL or a JSON document. */
function encodings(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

export function createRedactor(knownSecrets: Iterable<string>): Redactor {
  const known = [...new Set([...knownSecrets].filter((s) => s.length >= MIN_KNOWN_SECRET).flatMap(encodings))]
    // Longest first, so a secret containing another is removed whole.
    .sort((a, b) => b.length - a.length);
  const knownText = known.length ? new RegExp(`()(${known.map(escapeRegExp).join('|')})`, 'g') : null;
  // Crash dumps hold strings as UTF-8 and as UTF-16LE; a latin1 view keeps one character per byte.
  const knownBinary = known.length
    ? new RegExp(`()(${known.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]).map((b) => escapeRegExp(b.toString('latin1'))).join('|')})`, 'g')
    : null;

  const apply = (s: string, rules: readonly RegExp[], mask: (value: string) => string) =>
    rules.reduce((acc, re) => acc.replace(re, (_m, keep: string, value: string) => keep + mask(value)), s);

  return {
    text: (s) => apply(s, knownText ? [knownText, ...PATTERNS] : PATTERNS, () => REDACTED),
    bytes: (b) => {
      const masked = apply(b.toString('latin1'), knownBinary ? [knownBinary, ...PATTERNS] : PATTERNS, (v) => '*'.repeat(v.length));
      return Buffer.from(masked, 'latin1');
    },
  };
}
