import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { HubAccessProblem } from '../../contract/domains/library';
import { LecternError } from '../../contract/errors';
import { classifyFailure } from '../../contract/failures';
import { HubAccessError, HubStatusError } from '../downloads/hub-fetch';
import type { HubRow } from './catalog-store';
import { EXPIRY_MARGIN_MS } from './signed-hub-fetch';

/** Why a student's hub could not be added, re-keyed or read: the sentences and codes the library shows. */

export function refuseExpired(credentials: ReadOnlyHubCredentials): void {
  if (credentials.sessionToken && credentials.sessionExpiresAt !== undefined && credentials.sessionExpiresAt - Date.now() < EXPIRY_MARGIN_MS) {
    const message = 'The session token has expired (or expires within a minute); get fresh credentials.';
    throw new LecternError('invalid-input', message, [{ path: 'credentials.sessionExpiresAt', message }]);
  }
}

/** A private hub answers an unsigned GET with 403 (AWS) or 400 (Swift), or 401 behind some gateways. */
const looksPrivate = (err: unknown) => err instanceof HubStatusError && [400, 401, 403].includes(err.status);

/** Whether a failed refresh is one that new credentials would fix (the UI then offers to enter them). */
export function accessProblemOf(hub: HubRow, err: unknown): HubAccessProblem | null {
  if (err instanceof HubAccessError) return err.reason;
  return !hub.auth && looksPrivate(err) ? 'needs-credentials' : null;
}

/** Why new credentials were not taken; the old ones stay, and the message says so. */
export function checkFailure(hub: HubRow, err: unknown, withCredentials: boolean): LecternError {
  const kept = hub.auth ? `the hub keeps key ${hub.auth.accessKeyId}` : 'the hub stays public';
  if (err instanceof HubAccessError) return new LecternError('forbidden', `Did not change the credentials of "${hub.name}" (${kept}): ${err.message}`);
  if (!withCredentials && looksPrivate(err)) {
    return new LecternError('forbidden', `Did not change the credentials of "${hub.name}" (${kept}): ${messageOf(err)} The hub is private: it cannot be read without credentials.`);
  }
  return new LecternError('unavailable', `Did not change the credentials of "${hub.name}" (${kept}): could not read its catalog with the new ones: ${messageOf(err)}`, undefined, {
    failure: classifyFailure(err),
    params: { hub: hub.name },
  });
}

/** Why a hub could not be added, as the code the UI acts on and a sentence that says what to do. */
export function addFailure(base: URL, err: unknown, withCredentials: boolean): LecternError {
  if (err instanceof HubAccessError) return new LecternError('forbidden', `Could not add ${base.href}: ${err.message}`);
  if (!withCredentials && looksPrivate(err)) {
    return new LecternError('forbidden', `Could not add ${base.href}: ${messageOf(err)} The hub may be private: add it with the read-only credentials (access key id and secret) your instructor gave you.`);
  }
  return new LecternError('unavailable', `Could not add ${base.href}: ${messageOf(err)}`, undefined, { failure: classifyFailure(err), params: { hub: base.host } });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
