import type { DownloadItem, LibraryHub } from '../../../main/contract/domains/library';
import type { MessageKey } from '../i18n/catalogs';

/**
 * States and reasons main sends the library as codes, mapped to the catalog's words for them. Literal
 * keys (not `downloads.state.${state}`), so the compiler checks each one and check-messages sees it used.
 */

/** The download manager's states. */
export const DOWNLOAD_STATE_KEY: Readonly<Record<DownloadItem['state'], MessageKey>> = {
  queued: 'downloads.state.queued',
  downloading: 'downloads.state.downloading',
  paused: 'downloads.state.paused',
  completed: 'downloads.state.completed',
  failed: 'downloads.state.failed',
};

/** Why a hub refused the library (it answered, so it is not offline). */
export const ACCESS_PROBLEM_KEY: Readonly<Record<NonNullable<LibraryHub['accessProblem']>, MessageKey>> = {
  'credentials-expired': 'library.access.credentialsExpired',
  'credentials-refused': 'library.access.credentialsRefused',
  'credentials-missing': 'library.access.credentialsMissing',
  'needs-credentials': 'library.access.needsCredentials',
};

/** The prefix main puts on a lecture the plan left out because the hub served it badly. */
export const REFUSED_PREFIX = 'refused: ';

/**
 * The reasons main's download plan gives for skipping a lecture. Main sends these as English phrases
 * (main/services/library/library-service.ts, lecturesToDownload), not codes; one it adds later shows as
 * sent until it is listed here.
 */
export const SKIP_REASON_KEY: Readonly<Record<string, MessageKey>> = {
  'no published video': 'downloads.skip.noVideo',
  'already downloaded': 'downloads.skip.alreadyDownloaded',
  'already started; it resumes where it stopped': 'downloads.skip.alreadyStarted',
};

/** A skip reason in the active language when it is a known one, else as main sent it. */
export function skipReason(reason: string, t: (key: MessageKey) => string): string {
  const key = Object.hasOwn(SKIP_REASON_KEY, reason) ? SKIP_REASON_KEY[reason] : undefined;
  return key ? t(key) : reason;
}
