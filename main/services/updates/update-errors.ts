import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';

/** What went wrong with an update check or download, as a sentence the user can act on (and its message id). */
export type UpdateProblem = { kind: 'offline' | 'error'; message: string; text: ServiceText };

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EPIPE']);
const OFFLINE_NET = /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NETWORK_CHANGED|CONNECTION_(REFUSED|RESET|TIMED_OUT|CLOSED)|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_CONNECTION_FAILED)/;

const problem = (kind: UpdateProblem['kind'], text: ServiceText): UpdateProblem => ({ kind, message: formatText(text), text });

/**
 * Sorts electron-updater's failures: no network is a calm "offline" state (the next check retries),
 * everything else an error naming what the user can do. The technical detail goes to the log.
 */
export function describeUpdateFailure(err: unknown, during: 'check' | 'download', feedName: string): UpdateProblem {
  const e = err as { code?: unknown; message?: unknown; statusCode?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (OFFLINE_CODES.has(code) || OFFLINE_NET.test(message) || /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH)\b/.test(message)) {
    return during === 'check' ? problem('offline', { key: 'svc.updates.offline' }) : problem('error', { key: 'svc.updates.connectionLost' });
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return problem('error', { key: 'svc.updates.noReleases', values: { feed: feedName } });
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'ERR_UPDATER_INVALID_VERSION' || code === 'ERR_UPDATER_NO_FILES_PROVIDED') {
    return problem('error', { key: 'svc.updates.unreadable' });
  }
  if (/sha512 checksum mismatch/i.test(message)) return problem('error', { key: 'svc.updates.checksum' });
  if (/\b(ENOSPC)\b/.test(code + message)) return problem('error', { key: 'svc.updates.noSpace' });
  const status = typeof e?.statusCode === 'number' ? e.statusCode : Number(/\b(?:status|HttpError:)\s*(\d{3})\b/.exec(message)?.[1] ?? NaN);
  if (status >= 500) return problem('error', { key: 'svc.updates.serverError', values: { status: String(status) } });
  if (status >= 400) return problem('error', { key: 'svc.updates.refused', values: { status: String(status) } });
  return problem('error', { key: 'svc.updates.failed', values: { cause: firstLine(message) } });
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/[.\s]+$/, '').slice(0, 300);
}
