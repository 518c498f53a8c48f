import { createRequire } from 'node:module';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';
import { userError } from '../text/user-error';

type Keytar = typeof import('keytar');

/**
 * The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Vault on
 * Windows). keytar is loaded on first use so that code paths without secrets never need the native module,
 * and a missing keyring becomes an error that says what to do.
 */
export function createKeychainSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  let keytar: Keytar | undefined;
  const load = (): Keytar => {
    keytar ??= createRequire(import.meta.url)('keytar') as Keytar;
    return keytar;
  };
  const wrap = async <T>(what: 'read' | 'write' | 'delete', op: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await op(load());
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const unavailable = userError('unavailable', 'svc.credentials.keychainUnavailable', { op: what, cause: reason });
      unavailable.cause = err;
      throw unavailable;
    }
  };
  return {
    get: (account) => wrap('read', (k) => k.getPassword(service, account)),
    set: (account, secret) => wrap('write', (k) => k.setPassword(service, account, secret)),
    delete: (account) => wrap('delete', (k) => k.deletePassword(service, account)),
  };
}
