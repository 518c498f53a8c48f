import type { MediaJob, MediaJobKind, MediaProbe } from '../../../main/contract/types';

export const JOB_LABELS: Record<MediaJobKind, string> = {
  poster: 'Poster',
  storyboard: 'Storyboard',
  ladder: 'HLS ladder',
  preview: 'Preview clip',
};

const CODECS: Record<string, string> = { h264: 'H.264', hevc: 'HEVC', vp8: 'VP8', vp9: 'VP9', av1: 'AV1', mpeg4: 'MPEG-4', aac: 'AAC', mp3: 'MP3', opus: 'Opus' };

export function codecName(codec: string): string {
  return CODECS[codec] ?? codec.toUpperCase();
}

/** "1280×720 · H.264 · 30 fps · AAC audio" — what an instructor checks before building. */
export function describeProbe(probe: MediaProbe): string {
  const parts: string[] = [];
  if (probe.video) {
    parts.push(`${probe.video.width}×${probe.video.height}`, codecName(probe.video.codec));
    if (probe.video.frameRate) parts.push(`${Math.round(probe.video.frameRate * 100) / 100} fps`);
  }
  parts.push(probe.audio ? `${codecName(probe.audio.codec)} audio` : 'no audio');
  return parts.join(' · ');
}

export const isActive = (job: MediaJob): boolean => job.status === 'queued' || job.status === 'running';
