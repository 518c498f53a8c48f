import fs from 'node:fs';
import path from 'node:path';
import type { FfmpegCommand } from 'fluent-ffmpeg';
import type { MediaProbe } from '../../contract/types';
import { AUDIO_NAME, DEFAULT_X264 } from './ladder-command';
import { even, planStoryboard, storyboardVtt, type StoryboardPlan } from './storyboard-vtt';
import { STORYBOARD_SPRITE, STORYBOARD_VTT } from './media-paths';

export const PREVIEW_CLIP_SEC = 60;

/** Poster at 10% of the duration, past title cards and fade-ins; seeking before -i jumps by index instead of decoding up to it. */
export function posterCommand(source: string, out: string, probe: MediaProbe): (cmd: FfmpegCommand) => void {
  const at = Math.max(0, (probe.durationSec ?? 0) * 0.1);
  const { width, height } = fitWithin(probe, 1280);
  return (cmd) => {
    cmd.input(source).inputOptions('-ss', at.toFixed(3)).outputOptions('-frames:v', '1', '-vf', `scale=${width}:${height},setsar=1`, '-q:v', '3', '-an', '-update', '1').output(out);
  };
}

/**
 * The storyboard sprite in one pass over keyframes only (`-skip_frame nokey`): decoding every frame took
 * 11× longer, and thumbnails snapping to the nearest earlier keyframe is invisible at 160 px.
 * `eof_action=pass` hands on the last frame at the end: without it a clip shorter than one interval
 * yields no frame, the tile never fills and ffmpeg writes no sprite at all.
 */
export function storyboardCommand(source: string, outDir: string, plan: StoryboardPlan): (cmd: FfmpegCommand) => void {
  return (cmd) => {
    cmd
      .input(source)
      .inputOptions('-skip_frame', 'nokey')
      .outputOptions(
        '-vf', `fps=1/${plan.intervalSec}:eof_action=pass,scale=${plan.thumbWidth}:${plan.thumbHeight},setsar=1,tile=${plan.columns}x${plan.rows}`,
        '-frames:v', '1', '-q:v', '4', '-an', '-update', '1',
      )
      .output(path.join(outDir, STORYBOARD_SPRITE));
  };
}

export async function writeStoryboardVtt(outDir: string, plan: StoryboardPlan, durationSec: number): Promise<void> {
  await fs.promises.writeFile(path.join(outDir, STORYBOARD_VTT), storyboardVtt(plan, durationSec, STORYBOARD_SPRITE));
}

export function storyboardPlanFor(probe: MediaProbe): StoryboardPlan {
  return planStoryboard(probe.durationSec ?? 0, probe.video?.width ?? 16, probe.video?.height ?? 9);
}

/**
 * The preview clip copied from the ladder's lowest rung: no encoding at all (measured in
 * docs/PERFORMANCE.md), and the clip is exactly what students will see at that quality.
 */
export function previewFromLadderCommand(hlsDir: string, rungName: string, hasAudio: boolean, out: string, sec: number): (cmd: FfmpegCommand) => void {
  return (cmd) => {
    cmd.input(path.join(hlsDir, rungName, 'index.m3u8'));
    if (hasAudio) cmd.input(path.join(hlsDir, AUDIO_NAME, 'index.m3u8'));
    const maps = hasAudio ? ['-map', '0:v:0', '-map', '1:a:0'] : ['-map', '0:v:0'];
    cmd.outputOptions(...maps, '-t', String(sec), '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4').output(out);
  };
}

/** Fallback when no ladder exists yet: encode the first minute at 360p. */
export function previewEncodeCommand(source: string, out: string, probe: MediaProbe, sec: number): (cmd: FfmpegCommand) => void {
  const { width, height } = fitShortSide(probe, 360);
  return (cmd) => {
    cmd
      .input(source)
      .outputOptions(
        '-t', String(sec), '-vf', `scale=${width}:${height},setsar=1,format=yuv420p`,
        '-c:v', 'libx264', '-preset', DEFAULT_X264.preset, '-threads', String(DEFAULT_X264.threads), '-b:v', '800k',
        ...(probe.audio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'] : ['-an']),
        '-movflags', '+faststart', '-f', 'mp4',
      )
      .output(out);
  };
}

function fitWithin(probe: MediaProbe, maxLong: number): { width: number; height: number } {
  const w = probe.video?.width ?? 16;
  const h = probe.video?.height ?? 9;
  const scale = Math.min(1, maxLong / Math.max(w, h));
  return { width: even(w * scale), height: even(h * scale) };
}

function fitShortSide(probe: MediaProbe, short: number): { width: number; height: number } {
  const w = probe.video?.width ?? 16;
  const h = probe.video?.height ?? 9;
  const scale = Math.min(1, short / Math.min(w, h));
  return { width: even(w * scale), height: even(h * scale) };
}
