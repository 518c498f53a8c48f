import type { Database } from 'better-sqlite3';
import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { SecretStore } from '../credentials/secret-store';
import { HubAccessError } from '../downloads/hub-fetch';
import { CatalogStore, type HubRow } from './catalog-store';
import { isUnderBase, type HubSigningKey } from './signed-hub-fetch';

/** The keychain account holding a library hub's secret access key and session token (JSON). */
export const libraryHubAccount = (hubId: string) => `library-hub:${hubId}`;

interface StoredSecret {
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The read-only credentials of the student's private hubs: the non-secret part in `library_hubs`,
 * the secret and session token in the SecretStore only. `keyFor` is what the signed fetch asks for each
 * request; secrets are read from the keychain once per hub and kept in memory, like the S3 clients of
 * the instructor's hubs.
 */
export class LibraryHubKeys {
  private readonly store: CatalogStore;
  private readonly cache = new Map<string, StoredSecret>();
  /** Credentials of hubs being added: their catalog is fetched (signed) before anything is stored. */
  private readonly staged = new Map<symbol, HubSigningKey>();

  constructor(
    db: Database,
    private readonly secrets: SecretStore,
  ) {
    this.store = new CatalogStore(db);
  }

  /** The key of the hub with credentials whose base holds `url` (the deepest one if bases nest); null if none. */
  async keyFor(url: URL): Promise<HubSigningKey | null> {
    let best: { base: URL; staged: HubSigningKey } | { base: URL; hub: HubRow } | null = null;
    for (const staged of this.staged.values()) {
      if (isUnderBase(url, staged.base) && (!best || staged.base.pathname.length > best.base.pathname.length)) best = { base: staged.base, staged };
    }
    for (const hub of this.store.hubs()) {
      if (!hub.auth) continue;
      const base = new URL(hub.baseUrl);
      if (isUnderBase(url, base) && (!best || base.pathname.length > best.base.pathname.length)) best = { base, hub };
    }
    if (!best) return null;
    if ('staged' in best) return best.staged;
    const { hub } = best;
    const secret = this.cache.get(hub.id) ?? (await this.readSecret(hub));
    const auth = hub.auth as NonNullable<HubRow['auth']>;
    return { hubName: hub.name, base: best.base, region: auth.region, accessKeyId: auth.accessKeyId, ...secret, sessionExpiresAt: auth.sessionExpiresAt };
  }

  /** Makes `credentials` sign requests under `base` until the returned function is called. */
  stage(base: URL, hubName: string, credentials: ReadOnlyHubCredentials): () => void {
    const token = Symbol(base.href);
    this.staged.set(token, { hubName, base, ...signingParts(credentials) });
    return () => void this.staged.delete(token);
  }

  /** Stores the secret part for a hub row that carries the rest. */
  async save(hubId: string, credentials: ReadOnlyHubCredentials): Promise<void> {
    const secret: StoredSecret = { secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) };
    await this.secrets.set(libraryHubAccount(hubId), JSON.stringify(secret));
    this.cache.set(hubId, secret);
  }

  async forget(hubId: string): Promise<void> {
    this.cache.delete(hubId);
    await this.secrets.delete(libraryHubAccount(hubId));
  }

  private async readSecret(hub: HubRow): Promise<StoredSecret> {
    const raw = await this.secrets.get(libraryHubAccount(hub.id));
    const parsed = raw === null ? null : parseSecret(raw);
    if (!parsed) {
      throw new HubAccessError(`The secret key of "${hub.name}" is missing from the system keychain. Remove the hub and add it again with its credentials.`, 'credentials-missing');
    }
    this.cache.set(hub.id, parsed);
    return parsed;
  }
}

function signingParts(c: ReadOnlyHubCredentials): Omit<HubSigningKey, 'hubName' | 'base'> {
  return {
    region: c.region,
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    sessionExpiresAt: c.sessionToken ? (c.sessionExpiresAt ?? null) : null,
  };
}

function parseSecret(raw: string): StoredSecret | null {
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { secretAccessKey, sessionToken } = value as Record<string, unknown>;
    if (typeof secretAccessKey !== 'string' || secretAccessKey === '') return null;
    return { secretAccessKey, ...(typeof sessionToken === 'string' && sessionToken !== '' ? { sessionToken } : {}) };
  } catch {
    return null;
  }
}
