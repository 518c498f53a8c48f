import { describe, expect, it } from 'vitest';
import { createSignedHubFetch, type HubSigningKey } from '../../../main/services/catalog/signed-hub-fetch';
import { hubFetch, HubAccessError, TransientError } from '../../../main/services/downloads/hub-fetch';

const base = new URL('https://s3.example/bucket/lectern/');
const NOW = Date.parse('2026-11-25T10:00:00Z');
const key: HubSigningKey = { hubName: 'Private hub', base, region: 'eu-west-1', accessKeyId: 'AKIDREADONLY', secretAccessKey: 'shh', sessionExpiresAt: null };

interface Seen {
  url: string;
  headers: Headers;
  redirect: RequestInit['redirect'];
}

/** A fake network: records what each request carried and answers from `route`. */
function network(route: (url: URL) => Response) {
  const seen: Seen[] = [];
  const inner = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    seen.push({ url: url.href, headers: new Headers(init?.headers), redirect: init?.redirect });
    return route(url);
  }) as typeof fetch;
  return { seen, inner };
}

const keyFor = (k: HubSigningKey) => async (url: URL) => (url.origin === k.base.origin && url.pathname.startsWith(k.base.pathname) ? k : null);

describe('createSignedHubFetch', () => {
  it('signs only URLs under a hub with credentials, with SigV4 for S3 in its region', async () => {
    const { seen, inner } = network(() => new Response('{}'));
    const signed = createSignedHubFetch({ keyFor: keyFor(key), fetch: inner, now: () => NOW });
    await signed(new URL('catalog.json', base));
    await signed('https://s3.example/bucket/other/catalog.json');
    await signed('https://cdn.example/bucket/lectern/catalog.json');

    const auth = seen[0]!.headers.get('authorization') ?? '';
    expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDREADONLY\/20261125\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(seen[0]!.headers.get('x-amz-date')).toBe('20261125T100000Z');
    expect(seen[0]!.headers.get('x-amz-content-sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(seen[0]!.headers.has('host')).toBe(false);
    expect(auth).not.toContain('shh');
    for (const s of seen.slice(1)) {
      expect(s.headers.has('authorization')).toBe(false);
      expect(s.headers.has('x-amz-date')).toBe(false);
    }
  });

  it('adds the session token when there is one', async () => {
    const { seen, inner } = network(() => new Response('{}'));
    const signed = createSignedHubFetch({ keyFor: keyFor({ ...key, sessionToken: 'tok', sessionExpiresAt: NOW + 3_600_000 }), fetch: inner, now: () => NOW });
    await signed(new URL('catalog.json', base));
    expect(seen[0]!.headers.get('x-amz-security-token')).toBe('tok');
    expect(seen[0]!.headers.get('authorization')).toContain('x-amz-security-token');
  });

  it('never lets the underlying fetch follow a signed redirect, and does not sign a hop to another host', async () => {
    const { seen, inner } = network((url) =>
      url.host === 's3.example' ? new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/steal' } }) : new Response('ok'),
    );
    const signed = createSignedHubFetch({ keyFor: keyFor(key), fetch: inner, now: () => NOW });
    const res = await signed(new URL('catalog.json', base));
    expect(await res.text()).toBe('ok');
    expect(seen.map((s) => s.url)).toEqual(['https://s3.example/bucket/lectern/catalog.json', 'https://elsewhere.example/steal']);
    expect(seen[0]!.redirect).toBe('manual');
    expect(seen[0]!.headers.has('authorization')).toBe(true);
    expect(seen[1]!.headers.has('authorization')).toBe(false);
    expect(seen[1]!.headers.has('x-amz-security-token')).toBe(false);
  });

  it('hands the 3xx back to a caller that follows redirects itself, and hubFetch still refuses one leaving the base', async () => {
    const { seen, inner } = network(() => new Response(null, { status: 301, headers: { location: 'https://elsewhere.example/x' } }));
    const signed = createSignedHubFetch({ keyFor: keyFor(key), fetch: inner, now: () => NOW });
    await expect(hubFetch(new URL('catalog.json', base), base, new AbortController().signal, signed)).rejects.toThrow(/points at another server/);
    expect(seen).toHaveLength(1);
  });

  it('refuses an expired session token before any request, once, without a retry', async () => {
    const { seen, inner } = network(() => new Response('{}'));
    const expired = { ...key, sessionToken: 'tok', sessionExpiresAt: NOW - 1000 };
    const signed = createSignedHubFetch({ keyFor: keyFor(expired), fetch: inner, now: () => NOW });
    const err = await hubFetch(new URL('catalog.json', base), base, new AbortController().signal, signed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubAccessError);
    expect(err).not.toBeInstanceOf(TransientError);
    expect((err as HubAccessError).reason).toBe('credentials-expired');
    expect((err as Error).message).toContain('The credentials for "Private hub" expired');
    // The way out is to replace the key in place, not to remove the hub (which would drop its cache).
    expect((err as Error).message).toContain('Update its credentials: "Update credentials…" on the hub in the library, or lectern catalog --hub https://s3.example/bucket/lectern/');
    expect((err as Error).message).not.toContain('Remove the hub');
    expect(seen).toHaveLength(0);
  });

  it('turns S3 refusals into errors naming the hub, and ExpiredToken into "expired"', async () => {
    const s3Error = (status: number, code: string) => () => new Response(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>no</Message></Error>`, { status });
    const call = (route: () => Response) => createSignedHubFetch({ keyFor: keyFor(key), fetch: network(route).inner, now: () => NOW })(new URL('catalog.json', base));

    const refused = await call(s3Error(403, 'SignatureDoesNotMatch')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubAccessError);
    expect((refused as HubAccessError).reason).toBe('credentials-refused');
    expect((refused as Error).message).toBe(
      'The hub "Private hub" refused these credentials (HTTP 403 SignatureDoesNotMatch for /bucket/lectern/catalog.json). Check the access key id, the secret and the region, and that the key may read this bucket. ' +
        'Update its credentials: "Update credentials…" on the hub in the library, or lectern catalog --hub https://s3.example/bucket/lectern/ --access-key-id <id> --update-credentials.',
    );
    // Credentials on trial (being added, or checked before they replace the stored ones) are not told to replace themselves.
    const onTrial = createSignedHubFetch({ keyFor: keyFor({ ...key, trial: true }), fetch: network(s3Error(403, 'AccessDenied')).inner, now: () => NOW });
    const trialErr = await onTrial(new URL('catalog.json', base)).catch((e: unknown) => e);
    expect((trialErr as Error).message).toMatch(/may read this bucket\.$/);
    await expect(call(s3Error(400, 'ExpiredToken'))).rejects.toMatchObject({ reason: 'credentials-expired' });
    const other = await call(s3Error(400, 'InvalidArgument'));
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('InvalidArgument');
  });

  it('passes public requests through untouched, refusals included', async () => {
    const { seen, inner } = network(() => new Response(null, { status: 403 }));
    const signed = createSignedHubFetch({ keyFor: async () => null, fetch: inner, now: () => NOW });
    const res = await signed('https://cdn.example/hub/catalog.json', { redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(seen[0]!.redirect).toBe('manual');
  });

  it('refuses to send anything but GET or HEAD with the credentials', async () => {
    const signed = createSignedHubFetch({ keyFor: keyFor(key), fetch: network(() => new Response()).inner, now: () => NOW });
    await expect(signed(new URL('catalog.json', base), { method: 'PUT', body: 'x' })).rejects.toThrow('Lectern only reads from "Private hub"');
  });
});
