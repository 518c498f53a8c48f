import type { EncodingQuality } from '../../contract/types';
import { even } from './storyboard-vtt';

export type { EncodingQuality };

/** The instructor's per-course choice; 'balanced' is the default. */
export const ENCODING_QUALITIES: readonly EncodingQuality[] = ['smaller', 'balanced', 'higher'];
export const DEFAULT_ENCODING: EncodingQuality = 'balanced';

/**
 * How the ladder is encoded: 'crf' is constant quality capped per rung (the default), 'abr' today's fixed
 * average bitrates, kept as the benchmark's baseline.
 */
export type RateControl = 'crf' | 'abr';

export interface Rung {
  /** Folder and playlist name, e.g. "720p". */
  name: string;
  width: number;
  height: number;
  /** The rung's bitrate from the table: the cap (maxrate ≈ 1.1×, bufsize 1.5×) and, under 'abr', the target. */
  videoKbps: number;
  /** x264 constant-rate factor under 'crf'. */
  crf: number;
}

export interface LadderPlan {
  rungs: Rung[];
  /** Output frame rate; sources above 60 fps (or without a readable rate) are brought to 30. */
  fps: number;
  /** Frames per GOP: exactly one segment, so every rendition cuts at the same instants. */
  gop: number;
  segmentSec: number;
  audioKbps: number | null;
  /** 1 for mono sources (mono AAC), else 2. */
  audioChannels: 1 | 2;
  rateControl: RateControl;
  quality: EncodingQuality;
}

/**
 * Short side → bitrate cap (kbit/s) and the 'balanced' CRF. Measured in docs/PERFORMANCE.md ("Quality-targeted
 * ladder"): at these CRFs every rung of the lecture-like source stays ≥ 0.999 SSIM against the source scaled
 * to the rung, and on full motion the 1080p rung hits its cap (today's bitrate) while the lower rungs stay
 * within ≈ 0.002 SSIM of the fixed ladder. CRF 23 below 1080p lost ≈ 0.0035 on motion for ≈ 15 % fewer
 * lecture bytes, too close to the 0.005 budget.
 */
const RUNGS: readonly { short: number; kbps: number; crf: number }[] = [
  { short: 1080, kbps: 5000, crf: 23 },
  { short: 720, kbps: 2800, crf: 21 },
  { short: 480, kbps: 1400, crf: 21 },
  { short: 360, kbps: 800, crf: 21 },
];

/** CRF offset per setting: +3 is ≈ 15–20 % fewer lecture bytes, −3 ≈ 20–30 % more (measured, see PERFORMANCE.md). */
export const CRF_OFFSET: Readonly<Record<EncodingQuality, number>> = { smaller: 3, balanced: 0, higher: -3 };

export const SEGMENT_SEC = 4;
export const AUDIO_KBPS = 128;
/** Mono AAC-LC: half the stereo rate is the same bits per channel; speech at 64 kbit/s mono is transparent in listening checks. */
export const MONO_AUDIO_KBPS = 64;

export interface PlanOptions {
  quality?: EncodingQuality | undefined;
  rateControl?: RateControl | undefined;
  /** Source audio channel count; 1 gives a mono AAC rendition. */
  audioChannels?: number | null | undefined;
}

/**
 * Renditions from the display size: a rung applies to the short side, so a portrait 1080×1920 phone video
 * gets a 1080×1920 "1080p" rung like a landscape one. Never upscales; a source smaller than 360p gets a
 * single rung at its own (evened) size.
 */
export function planLadder(width: number, height: number, sourceFps: number | null, hasAudio: boolean, opts: PlanOptions = {}): LadderPlan {
  const quality = opts.quality ?? DEFAULT_ENCODING;
  const offset = CRF_OFFSET[quality];
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const landscape = width >= height;
  const size = (s: number) => {
    const l = even((s * long) / short);
    return landscape ? { width: l, height: s } : { width: s, height: l };
  };
  let rungs: Rung[] = RUNGS.filter((r) => r.short <= short).map((r) => ({ name: `${r.short}p`, ...size(r.short), videoKbps: r.kbps, crf: r.crf + offset }));
  if (rungs.length === 0) {
    const s = even(short);
    // Below 360p, scale the 360p bitrate by pixel count with a floor that keeps text legible.
    const kbps = Math.max(250, Math.round((800 * s * s) / (360 * 360)));
    rungs = [{ name: `${s}p`, ...size(s), videoKbps: kbps, crf: RUNGS.at(-1)!.crf + offset }];
  }
  const fps = sourceFps !== null && sourceFps > 0 && sourceFps <= 60 ? sourceFps : 30;
  const mono = opts.audioChannels === 1;
  return {
    rungs,
    fps,
    gop: Math.max(1, Math.ceil(fps * SEGMENT_SEC)),
    segmentSec: SEGMENT_SEC,
    audioKbps: hasAudio ? (mono ? MONO_AUDIO_KBPS : AUDIO_KBPS) : null,
    audioChannels: mono ? 1 : 2,
    rateControl: opts.rateControl ?? 'crf',
    quality,
  };
}

/** A rung measured after encoding: its video's average bitrate over the whole lecture. */
export interface MeasuredRung {
  name: string;
  averageBps: number;
}

/** A lower rung that saves less than this share of the bitrate above it is not worth a download or a switch. */
export const DROP_RATIO = 0.85;

/**
 * Which rungs to keep (names, highest first). Going down the ladder, a rung whose measured bitrate is
 * ≥ 85 % of the last kept rung above it adds nothing: it costs about as much as a sharper picture, so it is
 * dropped (a static slide deck ends up with 1080p and 480p, say). Sources of 720p and more always keep at
 * least two rungs — the top and the lowest — so a slow network still has somewhere to go.
 */
export function rungsToKeep(measured: readonly MeasuredRung[], sourceShortSide: number): string[] {
  const kept: MeasuredRung[] = [];
  for (const rung of measured) {
    const above = kept.at(-1);
    if (!above || rung.averageBps < DROP_RATIO * above.averageBps) kept.push(rung);
  }
  const lowest = measured.at(-1);
  if (sourceShortSide >= 720 && kept.length < 2 && lowest && measured.length >= 2) kept.push(lowest);
  return kept.map((r) => r.name);
}
