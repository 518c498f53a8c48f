import { even } from './storyboard-vtt';

export interface Rung {
  /** Folder and playlist name, e.g. "720p". */
  name: string;
  width: number;
  height: number;
  videoKbps: number;
}

export interface LadderPlan {
  rungs: Rung[];
  /** Output frame rate; sources above 60 fps (or without a readable rate) are brought to 30. */
  fps: number;
  /** Frames per GOP: exactly one segment, so every rendition cuts at the same instants. */
  gop: number;
  segmentSec: number;
  audioKbps: number | null;
}

/** Short side → target video bitrate (kbit/s) for lecture content: mostly static slides and a talking head. */
const RUNGS: readonly { short: number; kbps: number }[] = [
  { short: 1080, kbps: 5000 },
  { short: 720, kbps: 2800 },
  { short: 480, kbps: 1400 },
  { short: 360, kbps: 800 },
];

export const SEGMENT_SEC = 4;
export const AUDIO_KBPS = 128;

/**
 * Renditions from the display size: a rung applies to the short side, so a portrait 1080×1920 phone video
 * gets a 1080×1920 "1080p" rung like a landscape one. Never upscales; a source smaller than 360p gets a
 * single rung at its own (evened) size.
 */
export function planLadder(width: number, height: number, sourceFps: number | null, hasAudio: boolean): LadderPlan {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const landscape = width >= height;
  const size = (s: number) => {
    const l = even((s * long) / short);
    return landscape ? { width: l, height: s } : { width: s, height: l };
  };
  let rungs: Rung[] = RUNGS.filter((r) => r.short <= short).map((r) => ({ name: `${r.short}p`, ...size(r.short), videoKbps: r.kbps }));
  if (rungs.length === 0) {
    const s = even(short);
    // Below 360p, scale the 360p bitrate by pixel count with a floor that keeps text legible.
    const kbps = Math.max(250, Math.round((800 * s * s) / (360 * 360)));
    rungs = [{ name: `${s}p`, ...size(s), videoKbps: kbps }];
  }
  const fps = sourceFps !== null && sourceFps > 0 && sourceFps <= 60 ? sourceFps : 30;
  return { rungs, fps, gop: Math.max(1, Math.ceil(fps * SEGMENT_SEC)), segmentSec: SEGMENT_SEC, audioKbps: hasAudio ? AUDIO_KBPS : null };
}
