import type { Database } from 'better-sqlite3';
import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { SecretStore } from '../credentials/secret-store';
import { HubAccessError } from '../downloads/hub-fetch';
import { CatalogStore, type HubAuthRow, type HubRow } from './catalog-store';
import { isUnderBase, updateCredentialsHint, type HubSigningKey } from './signed-hub-fetch';

/** The keychain account holding a library hub's secret access key and session token (JSON). */
export const libraryHubAccount = (hubId: string) => `library-hub:${hubId}`;

interface StoredSecret {
  secretAccessKey: string;
  sessionToken?: string;
}

/** A secret read from the keychain, with the row it was read for. */
interface CachedSecret {
  /** The hub's non-secret credentials when the secret was cached: another process (the CLI) may have replaced them since. */
  auth: string;
  secret: StoredSecret;
}

/**
 * The read-only credentials of the student's private hubs: the non-secret part in `library_hubs`,
 * the secret and session token in the SecretStore only. `keyFor` is what the signed fetch asks for each
 * request; secrets are read from the keychain once per hub and kept in memory, like the S3 clients of
 * the instructor's hubs.
 */
export class LibraryHubKeys {
  private readonly store: CatalogStore;
  private readonly cache = new Map<string, CachedSecret>();

  constructor(
    db: Database,
    private readonly secrets: SecretStore,
  ) {
    this.store = new CatalogStore(db);
  }

  /** The key of the hub with credentials whose base holds `url` (the deepest one if bases nest); null if none. */
  async keyFor(url: URL): Promise<HubSigningKey | null> {
    let best: { base: URL; hub: HubRow } | null = null;
    for (const hub of this.store.hubs()) {
      if (!hub.auth) continue;
      const base = new URL(hub.baseUrl);
      if (isUnderBase(url, base) && (!best || base.pathname.length > best.base.pathname.length)) best = { base, hub };
    }
    if (!best) return null;
    const { hub } = best;
    const auth = hub.auth as NonNullable<HubRow['auth']>;
    const cached = this.cache.get(hub.id);
    // A cached secret is used only for the row it was read for: when the key id, region or expiry changed
    // (credentials updated, maybe by the CLI while the app runs) the keychain holds the new secret.
    const secret = cached?.auth === authTag(auth) ? cached.secret : await this.readSecret(hub, auth);
    return { hubName: hub.name, base: best.base, region: auth.region, accessKeyId: auth.accessKeyId, ...secret, sessionExpiresAt: auth.sessionExpiresAt };
  }

  /**
   * Stores the secret part for a hub row that carries (or is about to carry) `authRowOf(credentials)`.
   * The in-memory copy is replaced too, tagged with that row: requests use it once the row says so.
   */
  async save(hubId: string, credentials: ReadOnlyHubCredentials): Promise<void> {
    const secret: StoredSecret = { secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) };
    this.cache.delete(hubId);
    await this.secrets.set(libraryHubAccount(hubId), JSON.stringify(secret));
    this.cache.set(hubId, { auth: authTag(authRowOf(credentials)), secret });
  }

  async forget(hubId: string): Promise<void> {
    this.cache.delete(hubId);
    await this.secrets.delete(libraryHubAccount(hubId));
  }

  private async readSecret(hub: HubRow, auth: HubAuthRow): Promise<StoredSecret> {
    const raw = await this.secrets.get(libraryHubAccount(hub.id));
    const parsed = raw === null ? null : parseSecret(raw);
    if (!parsed) {
      throw new HubAccessError(`The secret key of "${hub.name}" is missing from the system keychain. ${updateCredentialsHint(hub.baseUrl)}`, 'credentials-missing');
    }
    this.cache.set(hub.id, { auth: authTag(auth), secret: parsed });
    return parsed;
  }
}

/** What `library_hubs` keeps of `credentials`: all but the secret and the session token. */
export function authRowOf(c: ReadOnlyHubCredentials): HubAuthRow {
  return { accessKeyId: c.accessKeyId, region: c.region, sessionExpiresAt: c.sessionToken ? (c.sessionExpiresAt ?? null) : null };
}

const authTag = (a: HubAuthRow) => JSON.stringify([a.accessKeyId, a.region, a.sessionExpiresAt]);

/** The key that signs with `credentials` while they are checked, before anything is stored. */
export function trialKey(base: URL, hubName: string, c: ReadOnlyHubCredentials): HubSigningKey {
  return {
    hubName,
    base,
    trial: true,
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
