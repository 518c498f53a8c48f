import path from 'node:path';
import { LecternError } from '../../contract/errors';
import type { MediaProbe } from '../../contract/types';

/** Video codecs that cameras, phones and screen recorders produce and Debian's ffmpeg decodes. */
const SUPPORTED_VIDEO_CODECS = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1', 'mpeg4', 'mpeg2video', 'mpeg1video', 'prores', 'dnxhd', 'theora', 'vc1', 'wmv3', 'mjpeg', 'h263']);
/** ffmpeg's text-art decoders: ffprobe "plays" a .txt or .nfo file as ANSI art, but it is text, not a video. */
const TEXT_ART_CODECS = new Set(['ansi', 'bintext', 'xbin', 'idf']);
/** Containers ffprobe reports for single pictures; a still image is not a lecture. */
const IMAGE_FORMATS = /(^|,)(image2|png_pipe|jpeg_pipe|bmp_pipe|webp_pipe|gif|tiff_pipe|svg_pipe)(,|$)/;

export interface SourceLimits {
  maxDurationSec: number;
}

/** Rejects what the ladder cannot or should not turn into a lecture, with the file named in every message. */
export function validateProbe(file: string, probe: MediaProbe, limits: SourceLimits): void {
  const name = `"${path.basename(file)}"`;
  const bad = (problem: string) => new LecternError('invalid-input', `${name} ${problem}`);
  if (IMAGE_FORMATS.test(probe.container)) throw bad('is a still image, not a video. Choose a video file (for example MP4 or MOV).');
  if (probe.video && TEXT_ART_CODECS.has(probe.video.codec)) throw bad('is a text file, not a video. Choose a video file (for example MP4 or MOV).');
  if (!probe.video) {
    throw bad(probe.audio ? `has no video track (audio only, ${probe.audio.codec}). Lectures need a video; add a picture track or choose another file.` : 'has no video track. Choose a video file.');
  }
  if (!SUPPORTED_VIDEO_CODECS.has(probe.video.codec)) {
    throw bad(`uses the "${probe.video.codec}" video codec, which Lectern does not import. Export it as H.264 MP4 and try again.`);
  }
  if (probe.video.width < 16 || probe.video.height < 16) throw bad(`has an unusable picture size (${probe.video.width}×${probe.video.height}).`);
  if (probe.durationSec === null || !(probe.durationSec > 0.1)) throw bad('has no readable duration; it may be damaged or still being written.');
  if (probe.durationSec > limits.maxDurationSec) {
    throw bad(`is ${formatDuration(probe.durationSec)} long; the limit is ${formatDuration(limits.maxDurationSec)}. Split it into shorter lectures.`);
  }
}

export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${r} s` : `${r} s`;
}
