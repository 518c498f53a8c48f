/** What went wrong with an update check or download, as a sentence the user can act on. */
export type UpdateProblem = { kind: 'offline'; message: string } | { kind: 'error'; message: string };

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EPIPE']);
const OFFLINE_NET = /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NETWORK_CHANGED|CONNECTION_(REFUSED|RESET|TIMED_OUT|CLOSED)|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_CONNECTION_FAILED)/;

/**
 * Sorts electron-updater's failures: no network is a calm "offline" state (the next check retries),
 * everything else an error naming what the user can do. The technical detail goes to the log.
 */
export function describeUpdateFailure(err: unknown, during: 'check' | 'download', feedName: string): UpdateProblem {
  const e = err as { code?: unknown; message?: unknown; statusCode?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (OFFLINE_CODES.has(code) || OFFLINE_NET.test(message) || /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH)\b/.test(message)) {
    return during === 'check'
      ? { kind: 'offline', message: 'Lectern could not reach the update server; you may be offline. It will check again later, or press Check now.' }
      : { kind: 'error', message: 'The download stopped because the connection to the update server was lost. Check your connection, then press Download again.' };
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
    return { kind: 'error', message: `The update server has no ${feedName} releases yet. Choose another channel, or check again later.` };
  }
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'ERR_UPDATER_INVALID_VERSION' || code === 'ERR_UPDATER_NO_FILES_PROVIDED') {
    return { kind: 'error', message: 'The update server sent a release description Lectern cannot read. Your version keeps working; try again later, and tell the publisher if it persists.' };
  }
  if (/sha512 checksum mismatch/i.test(message)) {
    return { kind: 'error', message: 'The downloaded update did not match its published checksum and was discarded. Press Download to try again; if it fails again, tell the publisher.' };
  }
  if (/\b(ENOSPC)\b/.test(code + message)) {
    return { kind: 'error', message: 'There is not enough disk space to download the update. Free some space, then press Download again.' };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : Number(/\b(?:status|HttpError:)\s*(\d{3})\b/.exec(message)?.[1] ?? NaN);
  if (status >= 500) return { kind: 'error', message: `The update server answered with an error (${status}). Your version keeps working; try again later.` };
  if (status >= 400) return { kind: 'error', message: `The update server refused the request (${status}). Your version keeps working; if this persists, reinstall Lectern from its download page.` };
  return { kind: 'error', message: `Could not update Lectern: ${firstLine(message)}. Your version keeps working; try again later.` };
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/[.\s]+$/, '').slice(0, 300);
}
