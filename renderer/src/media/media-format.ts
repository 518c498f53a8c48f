import type { MediaJob, MediaJobKind, MediaProbe } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { translate } from '../i18n/format';

/** `t` from useT, or `translate` outside React. */
export type MediaTranslate = (key: MessageKey, values?: Record<string, string | number>) => string;

export const JOB_LABELS: Record<MediaJobKind, MessageKey> = {
  poster: 'media.job.poster',
  storyboard: 'media.job.storyboard',
  ladder: 'media.job.ladder',
  preview: 'media.job.preview',
};

/** A job's state as main reports it, in words. */
export const JOB_STATUS: Record<MediaJob['status'], MessageKey> = {
  queued: 'media.job.queued',
  running: 'media.job.running',
  done: 'media.job.done',
  failed: 'media.job.failed',
  cancelled: 'media.job.cancelled',
};

const CODECS: Record<string, string> = { h264: 'H.264', hevc: 'HEVC', vp8: 'VP8', vp9: 'VP9', av1: 'AV1', mpeg4: 'MPEG-4', aac: 'AAC', mp3: 'MP3', opus: 'Opus' };

export function codecName(codec: string): string {
  return CODECS[codec] ?? codec.toUpperCase();
}

/** "1280×720 · H.264 · 30 fps · AAC audio" — what an instructor checks before building. */
export function describeProbe(probe: MediaProbe, t: MediaTranslate = translate): string {
  const parts: string[] = [];
  if (probe.video) {
    parts.push(`${probe.video.width}×${probe.video.height}`, codecName(probe.video.codec));
    if (probe.video.frameRate) parts.push(t('media.probe.fps', { fps: Math.round(probe.video.frameRate * 100) / 100 }));
  }
  parts.push(probe.audio ? t('media.probe.audio', { codec: codecName(probe.audio.codec) }) : t('media.probe.noAudio'));
  return parts.join(' · ');
}

export const isActive = (job: MediaJob): boolean => job.status === 'queued' || job.status === 'running';
