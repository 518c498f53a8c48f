import { resolveHubUri } from '../hls/hub-uri';

const MAX_REDIRECTS = 5;

/** A failure worth retrying: 5xx, 429, or the network. */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** A final (non-2xx, non-transient) answer from the hub, with its status so callers can explain it. */
export class HubStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HubStatusError';
  }
}

/**
 * The hub refused the student's credentials, or they expired: a retry cannot fix it, so it is passed on
 * as is (never turned into a `TransientError`) and the user is told to update the key.
 */
export class HubAccessError extends Error {
  constructor(
    message: string,
    readonly reason: 'credentials-expired' | 'credentials-refused' | 'credentials-missing',
  ) {
    super(message);
    this.name = 'HubAccessError';
  }
}

/**
 * GETs `url` from the hub, following redirects only while they stay under the hub base (a redirect
 * elsewhere — another host, a private address, `file:` — is refused rather than followed). 5xx, 429 and
 * network failures become `TransientError`; other non-2xx answers are plain errors with the status.
 */
export async function hubFetch(url: URL, base: URL, signal: AbortSignal, fetchImpl: typeof fetch = fetch, headers?: Record<string, string>): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetchImpl(current, { redirect: 'manual', signal, ...(headers ? { headers } : {}) });
    } catch (err) {
      if (signal.aborted || err instanceof HubAccessError) throw err;
      throw new TransientError(`Could not reach the hub for ${current.pathname}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`, { cause: err });
    }
    // Only asked for with If-None-Match (revalidating a cached document): the caller keeps its copy.
    if (res.status === 304 && headers?.['if-none-match'] !== undefined) return res;
    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new Error(`The hub redirected ${url.pathname} more than ${MAX_REDIRECTS} times.`);
      current = resolveHubUri(res.headers.get('location') ?? '', current, base, `Redirect from ${current.pathname}`).url;
      continue;
    }
    if (res.ok) return res;
    await res.body?.cancel();
    const message = `The hub answered ${res.status} for ${current.pathname}.`;
    if (res.status >= 500 || res.status === 429) throw new TransientError(message);
    throw new HubStatusError(message, res.status);
  }
}

/** Reads a small document (manifest, playlist) whole, refusing it as soon as it exceeds `maxBytes`. */
export async function readCapped(res: Response, maxBytes: number, label: string, onBytes?: (n: number) => void): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`${label} is ${declared} bytes; Lectern refuses more than ${maxBytes}.`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (res.body === null) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const chunk = await reader.read().catch((err: unknown) => {
      // A stall (a TransientError given as the abort reason) already says what happened.
      if (err instanceof TransientError) throw err;
      throw new TransientError(`The connection dropped while reading ${label}.`, { cause: err });
    });
    if (chunk.done) break;
    total += chunk.value.byteLength;
    onBytes?.(chunk.value.byteLength);
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`${label} is larger than ${maxBytes} bytes; Lectern refuses it.`);
    }
    chunks.push(Buffer.from(chunk.value));
  }
  return Buffer.concat(chunks);
}
