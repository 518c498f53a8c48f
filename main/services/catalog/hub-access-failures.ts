import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { HubAccessProblem } from '../../contract/domains/library';
import type { LecternError } from '../../contract/errors';
import { failureOrText } from '../text/failure-or-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';
import { HubAccessError, HubStatusError } from '../downloads/hub-fetch';
import type { HubRow } from './catalog-store';
import { EXPIRY_MARGIN_MS } from './signed-hub-fetch';

/** Why a student's hub could not be added, re-keyed or read: the sentences and codes the library shows. */

export function refuseExpired(credentials: ReadOnlyHubCredentials): void {
  if (credentials.sessionToken && credentials.sessionExpiresAt !== undefined && credentials.sessionExpiresAt - Date.now() < EXPIRY_MARGIN_MS) {
    const text = { key: 'svc.catalog.sessionExpired' } as const;
    const message = formatText(text);
    throw userError('invalid-input', text.key, undefined, { issues: [{ path: 'credentials.sessionExpiresAt', message, text }] });
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
  const values = { hub: hub.name, auth: hub.auth ? 'key' : 'public', accessKeyId: hub.auth?.accessKeyId ?? '', cause: messageOf(err) };
  if (err instanceof HubAccessError) return failureOrText('forbidden', 'svc.catalog.credentialsNotChanged', values, err, { hub: hub.name });
  if (!withCredentials && looksPrivate(err)) return userError('forbidden', 'svc.catalog.credentialsNotChangedPrivate', values);
  return failureOrText('unavailable', 'svc.catalog.credentialsNotChangedUnreadable', values, err, { hub: hub.name });
}

/** Why a hub could not be added, as the code the UI acts on and a sentence that says what to do. */
export function addFailure(base: URL, err: unknown, withCredentials: boolean): LecternError {
  const values = { address: base.href, cause: messageOf(err) };
  if (err instanceof HubAccessError) return failureOrText('forbidden', 'svc.catalog.addFailed', values, err, { hub: base.host });
  if (!withCredentials && looksPrivate(err)) return userError('forbidden', 'svc.catalog.addFailedPrivate', values);
  return failureOrText('unavailable', 'svc.catalog.addFailed', values, err, { hub: base.host });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
