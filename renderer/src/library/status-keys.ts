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
