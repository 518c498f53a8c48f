import path from 'node:path';
import type { TextKey, TextValues } from '../../contract/service-text';
import type { MediaProbe } from '../../contract/types';
import { userError } from '../text/user-error';

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
  const bad = (key: TextKey, values: TextValues = {}) => userError('invalid-input', key, { name, ...values });
  if (IMAGE_FORMATS.test(probe.container)) throw bad('svc.media.stillImage');
  if (probe.video && TEXT_ART_CODECS.has(probe.video.codec)) throw bad('svc.media.textFile');
  if (!probe.video) {
    throw probe.audio ? bad('svc.media.audioOnly', { codec: probe.audio.codec }) : bad('svc.media.noVideoTrack');
  }
  if (!SUPPORTED_VIDEO_CODECS.has(probe.video.codec)) throw bad('svc.media.codec', { codec: probe.video.codec });
  if (probe.video.width < 16 || probe.video.height < 16) throw bad('svc.media.tinyPicture', { width: String(probe.video.width), height: String(probe.video.height) });
  if (probe.durationSec === null || !(probe.durationSec > 0.1)) throw bad('svc.media.noDuration');
  if (probe.durationSec > limits.maxDurationSec) {
    throw bad('svc.media.tooLong', { duration: formatDuration(probe.durationSec), limit: formatDuration(limits.maxDurationSec) });
  }
}

export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${r} s` : `${r} s`;
}
