import path from 'node:path';
import type { ServiceText, TextKey, TextValues } from '../../contract/service-text';
import { formatText } from '../text/format-text';

/**
 * WebVTT captions as Lectern accepts them, from an instructor's file and (again) from a hub: small, UTF-8,
 * the `WEBVTT` signature, and at least one cue. This is a gate, not a full WebVTT parser — the player's
 * own parser reads the cues — so it checks what makes a file certainly useless or certainly not captions.
 */

/** Hours of dense captions are a few hundred KB; anything near this is not a captions file. */
export const MAX_CAPTIONS_BYTES = 2 * 1024 * 1024;

/** `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT §4.2, "WebVTT timestamp"). */
const TIMESTAMP = String.raw`(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}`;
const CUE_TIMING = new RegExp(String.raw`^${TIMESTAMP}[ \t]+-->[ \t]+${TIMESTAMP}(?:[ \t].*)?$`);

export interface CaptionsCheck {
  /** The text without a byte-order mark, as stored. */
  text: string;
  cueCount: number;
}

/** Why a captions file was refused: a catalog message naming the file as `{label}`, so the UI can say it in its language. */
export class CaptionsError extends Error {
  readonly text: ServiceText;

  constructor(
    readonly label: string,
    key: TextKey,
    values: TextValues = {},
  ) {
    const text = { key, values: { ...values, label } };
    super(formatText(text));
    this.name = 'CaptionsError';
    this.text = text;
  }
}

/** The refusal of a file over `MAX_CAPTIONS_BYTES`, whether measured on disk or in memory. */
export const captionsTooLarge = (label: string, bytes: number) =>
  new CaptionsError(label, 'svc.captions.tooLarge', { bytes: bytes.toLocaleString('en'), max: MAX_CAPTIONS_BYTES.toLocaleString('en') });

/**
 * Checks bytes claimed to be WebVTT captions; `label` names them in the error (e.g. `"talk.vtt"`).
 * Refuses: over `MAX_CAPTIONS_BYTES`, empty, not valid UTF-8, NUL bytes, no `WEBVTT` signature, no cue.
 */
export function checkCaptions(bytes: Uint8Array, label: string): CaptionsCheck {
  if (bytes.byteLength === 0) throw new CaptionsError(label, 'svc.captions.empty');
  if (bytes.byteLength > MAX_CAPTIONS_BYTES) throw captionsTooLarge(label, bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CaptionsError(label, 'svc.captions.notUtf8');
  }
  if (text.includes('\0')) throw new CaptionsError(label, 'svc.captions.nul');
  // The signature is "WEBVTT" alone on the line or followed by a space or tab (WebVTT §4.1).
  if (!/^WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(text)) {
    throw new CaptionsError(label, 'svc.captions.noSignature');
  }
  const cueCount = text.split(/\r\n|\r|\n/).filter((line) => CUE_TIMING.test(line)).length;
  if (cueCount === 0) throw new CaptionsError(label, 'svc.captions.noCues');
  return { text, cueCount };
}

/** How errors name a file: its base name in quotes, as the video import does. */
export const captionsLabel = (file: string) => `"${path.basename(file)}"`;
