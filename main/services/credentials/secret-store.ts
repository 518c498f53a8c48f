/**
 * Where Lectern keeps secrets (hub secret keys, session tokens, per-lecture download keys): the OS
 * keychain, never SQLite, logs or IPC payloads. Services depend on this interface; the app and the CLI
 * pass the keytar-backed store, unit tests the in-memory one.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves to false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
}

/** The keychain "service" under which every Lectern secret is stored. */
export const KEYCHAIN_SERVICE = 'lectern';

export function createMemorySecretStore(): SecretStore & { readonly entries: ReadonlyMap<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => void entries.set(account, secret),
    delete: async (account) => entries.delete(account),
  };
}
