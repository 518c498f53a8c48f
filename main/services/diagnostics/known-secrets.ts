import type { Database } from 'better-sqlite3';
import { libraryHubAccount } from '../catalog/library-hub-keys';
import { CatalogStore } from '../catalog/catalog-store';
import type { SecretStore } from '../credentials/secret-store';
import { downloadKeyAccount } from '../downloads/download-manager';
import { hubSecretAccount, hubSessionAccount } from '../hub/hub-profiles';
import { HubStore } from '../hub/hub-store';

/**
 * Every secret Lectern holds for this data folder, so an export can remove them by value: the hubs'
 * secret keys and session tokens, the private library hubs' keys, each download's encryption key, and
 * the access key ids (not secret to AWS, but they name an account, so they stay out of support files).
 */
export async function knownSecrets(db: Database, secrets: SecretStore, downloadIds: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const accounts: string[] = [];
  for (const hub of new HubStore(db).list()) {
    found.push(hub.accessKeyId);
    accounts.push(hubSecretAccount(hub.id), hubSessionAccount(hub.id));
  }
  for (const hub of new CatalogStore(db).hubs()) {
    if (hub.auth) found.push(hub.auth.accessKeyId);
    accounts.push(libraryHubAccount(hub.id));
  }
  accounts.push(...downloadIds.map(downloadKeyAccount));
  for (const account of accounts) {
    // A keychain that cannot be read has nothing to leak from; the patterns still apply.
    const value = await secrets.get(account).catch(() => null);
    if (value !== null) found.push(value, ...jsonStrings(value));
  }
  return found;
}

/** Session entries are JSON; their string fields are secrets too. */
function jsonStrings(raw: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(parsed);
  return out;
}
