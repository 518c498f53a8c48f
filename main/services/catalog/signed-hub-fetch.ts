import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { HubAccessError, readCapped } from '../downloads/hub-fetch';

/** What a library hub with read-only credentials signs its requests with. Lives only in the main process. */
export interface HubSigningKey {
  /** The hub's name in the library, for messages. */
  hubName: string;
  /** The hub base (normalized, ending in '/'): only URLs under it are signed. */
  base: URL;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When the session token stops working (ms since the epoch); null when there is none or it does not say. */
  sessionExpiresAt: number | null;
  /**
   * Credentials on trial (a hub being added, or new credentials being checked before they replace the
   * stored ones): a failure then says what went wrong but not how to replace them, which is what the
   * student is already doing.
   */
  trial?: boolean;
}

export interface SignedHubFetchOptions {
  /** The key of the hub `url` is under, or null (a public hub, or no hub at all): the request goes out unsigned. */
  keyFor(url: URL): Promise<HubSigningKey | null>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A token that expires within this margin is treated as expired: a request signed now could arrive after it. */
export const EXPIRY_MARGIN_MS = 60_000;
const MAX_REDIRECTS = 5;
/** Read at most this much of an error answer to find S3's error code. */
const MAX_ERROR_BODY = 16 * 1024;
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const EXPIRED_CODES = new Set(['ExpiredToken', 'TokenRefreshRequired', 'RequestExpired']);

/**
 * What to do about credentials that no longer work: replace them in place (the hub, its cache and its
 * downloads stay), from the library or the CLI.
 */
export function updateCredentialsHint(base: string): string {
  return `Update its credentials: "Update credentials…" on the hub in the library, or lectern catalog --hub ${base} --access-key-id <id> --update-credentials.`;
}

const hintFor = (key: HubSigningKey) => (key.trial ? '' : ` ${updateCredentialsHint(key.base.href)}`);

/** True when `url` is on the base's origin, below its path, and carries no user info. */
export function isUnderBase(url: URL, base: URL): boolean {
  return url.origin === base.origin && url.username === '' && url.password === '' && url.pathname.startsWith(base.pathname);
}

/**
 * A `fetch` that signs GET/HEAD requests under a hub that has read-only S3 credentials with AWS SigV4
 * and passes every other request through untouched. Composed once (library-services) and handed to the
 * catalog, the download manager and the preview route, so none of them ever sees a secret.
 *
 * Redirects of signed requests are never followed by the underlying fetch: a caller asking for
 * `redirect: 'manual'` (hubFetch, which checks each hop against the hub base) gets the 3xx as is, and
 * otherwise each hop goes through this wrapper again, so it is signed only if it is itself under a hub
 * with credentials — an Authorization header never travels to another host.
 *
 * An expired session token fails before any request; 401/403 and S3's token-expiry codes become a
 * `HubAccessError` naming the hub, which the download and catalog code never retry.
 */
export function createSignedHubFetch(opts: SignedHubFetchOptions): typeof fetch {
  const inner = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;

  const go = async (url: URL, init: RequestInit, hops: number): Promise<Response> => {
    const key = await opts.keyFor(url);
    if (!key) return inner(url, init);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') throw new Error(`Lectern only reads from "${key.hubName}"; it does not send ${method} requests with its credentials.`);
    if (key.sessionExpiresAt !== null && key.sessionExpiresAt - now() < EXPIRY_MARGIN_MS) {
      throw new HubAccessError(
        `The credentials for "${key.hubName}" expired (the session token was valid until ${new Date(key.sessionExpiresAt).toISOString()}).${hintFor(key)}`,
        'credentials-expired',
      );
    }
    const headers = await signedHeaders(key, url, method, new Headers(init.headers), new Date(now()));
    const res = await inner(url, { ...init, method, headers, redirect: 'manual' });

    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      const mode = init.redirect ?? 'follow';
      if (mode === 'manual') return res;
      await res.body?.cancel();
      if (mode === 'error') throw new TypeError(`"${key.hubName}" redirected ${url.pathname} and redirects were not allowed.`);
      if (hops >= MAX_REDIRECTS) throw new TypeError(`"${key.hubName}" redirected ${url.pathname} more than ${MAX_REDIRECTS} times.`);
      // The caller's own headers, never the signed ones: the next hop is signed afresh only if it is under a hub with credentials.
      return go(new URL(res.headers.get('location') ?? '', url), init, hops + 1);
    }
    if (res.status === 400 || res.status === 401 || res.status === 403) return refusal(key, url, res);
    return res;
  };

  return (input, init) => {
    // A string or a URL names the resource itself; anything else is a Request (whose type differs between the DOM and Node libs).
    const request = typeof input === 'string' || input instanceof URL ? null : input;
    const url = new URL(request ? request.url : String(input));
    const merged: RequestInit = request ? { method: request.method, headers: request.headers, signal: request.signal, redirect: request.redirect, ...init } : { ...init };
    return go(url, merged, 0);
  };
}

/** SigV4 for S3 over an empty body; returns the caller's headers plus Authorization, X-Amz-Date and friends. */
async function signedHeaders(key: HubSigningKey, url: URL, method: string, headers: Headers, signingDate: Date): Promise<Headers> {
  const signer = new SignatureV4({
    service: 's3',
    region: key.region,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(key.sessionToken ? { sessionToken: key.sessionToken } : {}) },
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path encoded once (other services twice); it is encoded here, strictly, as S3 re-encodes the key it decoded.
    uriEscapePath: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const prev = query[name];
    query[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  const toSign: Record<string, string> = { host: url.host, 'x-amz-content-sha256': EMPTY_BODY_SHA256 };
  headers.forEach((value, name) => {
    toSign[name] = value;
  });
  const signed = await signer.sign(
    { method, protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), path: canonicalPath(url.pathname), query, headers: toSign },
    { signingDate },
  );
  const out = new Headers(headers);
  for (const [name, value] of Object.entries(signed.headers)) {
    // fetch sets Host itself from the URL, to the same value that was signed.
    if (name.toLowerCase() !== 'host') out.set(name, value);
  }
  return out;
}

/** Each path segment decoded and encoded again the RFC 3986 way (what S3 compares the signature against). */
function canonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return segment;
      }
      return encodeURIComponent(decoded).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    })
    .join('/');
}

/** Turns S3's "no" into a sentence naming the hub; a 400 that is not about the credentials is passed on. */
async function refusal(key: HubSigningKey, url: URL, res: Response): Promise<Response> {
  const body = await readCapped(res, MAX_ERROR_BODY, 'The error answer').catch(() => null);
  const text = body?.toString('utf8') ?? '';
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? null;
  const detail = `HTTP ${res.status}${code ? ` ${code}` : ''} for ${url.pathname}`;
  if (code !== null && EXPIRED_CODES.has(code)) {
    throw new HubAccessError(`The credentials for "${key.hubName}" expired (${detail}).${hintFor(key)}`, 'credentials-expired');
  }
  if (res.status !== 400) {
    throw new HubAccessError(
      `The hub "${key.hubName}" refused these credentials (${detail}). Check the access key id, the secret and the region, and that the key may read this bucket.${hintFor(key)}`,
      'credentials-refused',
    );
  }
  return new Response(body === null ? null : new Uint8Array(body), { status: res.status, statusText: res.statusText, headers: res.headers });
}
