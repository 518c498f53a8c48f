import type { Described } from '../errors/error-text';
import type { MessageKey } from '../i18n/catalogs';
import { translate } from '../i18n/format';

/** A fatal hls.js error, reduced to what the message depends on. */
export interface FatalError {
  details: string;
  /** HTTP status of a failed load, when there was a response. */
  status?: number;
}

/** Why the player stopped: an hls.js error, or a system that plays no HLS at all. */
export type PlaybackProblem = FatalError | { unsupported: true };

/**
 * What the student is told when a downloaded lecture cannot play. The media route answers 404 for a
 * download that is incomplete, removed or failed verification, and refuses or lacks the key when the
 * keychain entry is gone, so the message points at the Library action that fixes each case.
 */
export function playbackErrorKey(e: FatalError): MessageKey {
  switch (e.details) {
    case 'keyLoadError':
    case 'keyLoadTimeOut':
      return 'player.error.key';
    case 'manifestLoadError':
    case 'levelLoadError':
    case 'audioTrackLoadError':
      return e.status === 404 ? 'player.error.missing' : 'player.error.playlist';
    case 'fragLoadError':
    case 'fragLoadTimeOut':
      return 'player.error.fragment';
    case 'fragDecryptError':
    case 'fragParsingError':
    case 'bufferAppendError':
    case 'manifestParsingError':
      return 'player.error.decode';
    default:
      return 'player.error.other';
  }
}

/** The sentence in the active (or given) language. */
export const playbackErrorMessage = (e: FatalError, locale?: string): string => translate(playbackErrorKey(e), undefined, locale);

/**
 * The sentence, and hls.js's own words for Details. Worded when shown (not when the error happened), so
 * a language switch with the error on screen redraws it.
 */
export function playbackError(p: PlaybackProblem, locale?: string): Described {
  if ('unsupported' in p) return { sentence: translate('player.error.unsupported', undefined, locale), details: 'Neither Media Source Extensions nor native HLS are available.' };
  return { sentence: playbackErrorMessage(p, locale), details: `hls.js: ${p.details}${p.status ? `, HTTP ${p.status}` : ''}` };
}
