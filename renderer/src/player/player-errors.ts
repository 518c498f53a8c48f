import type { Described } from '../errors/error-text';

/** A fatal hls.js error, reduced to what the message depends on. */
export interface FatalError {
  details: string;
  /** HTTP status of a failed load, when there was a response. */
  status?: number;
}

/**
 * What the student is told when a downloaded lecture cannot play. The media route answers 404 for a
 * download that is incomplete, removed or failed verification, and refuses or lacks the key when the
 * keychain entry is gone, so the message points at the Library action that fixes each case.
 */
export function playbackErrorMessage(e: FatalError): string {
  switch (e.details) {
    case 'keyLoadError':
    case 'keyLoadTimeOut':
      return "This lecture's key is missing from the keychain or was refused, so it cannot be decrypted. Remove the download and download it again.";
    case 'manifestLoadError':
    case 'levelLoadError':
    case 'audioTrackLoadError':
      return e.status === 404
        ? 'This download is incomplete, was removed or failed verification. Open it in the Library to verify it or download it again.'
        : "This lecture's playlist could not be read: verify the download in the Library, or download it again.";
    case 'fragLoadError':
    case 'fragLoadTimeOut':
      return 'Part of this download is missing or damaged. Verify it in the Library; damaged files are fetched again.';
    case 'fragDecryptError':
    case 'fragParsingError':
    case 'bufferAppendError':
    case 'manifestParsingError':
      return "This lecture's files could not be decoded; they may be damaged on disk. Verify the download in the Library.";
    default:
      return 'This lecture cannot be played: verify the download in the Library, or download it again.';
  }
}

/** The sentence, and hls.js's own words for Details. */
export function playbackError(e: FatalError): Described {
  return { sentence: playbackErrorMessage(e), details: `hls.js: ${e.details}${e.status ? `, HTTP ${e.status}` : ''}` };
}
