import fs from 'node:fs';
import path from 'node:path';
import type { MediaJobKind, MediaProbe, MediaRendition } from '../../contract/types';
import { finishLadder } from './finish-ladder';
import { planLadder, type EncodingQuality } from './ladder-plan';
import { ladderCommand, nameLadderFolders, type X264Settings } from './ladder-command';
import { MASTER_PLAYLIST, STORYBOARD_SPRITE, type MediaPaths, type OutputName } from './media-paths';
import { PREVIEW_CLIP_SEC, posterCommand, previewEncodeCommand, previewFromLadderCommand, storyboardCommand, storyboardPlanFor, writeStoryboardVtt } from './previews';
import { runFfmpeg, type FfmpegProgress } from './run-ffmpeg';

export const LADDER_INFO = 'ladder.json';

export interface JobContext {
  paths: MediaPaths;
  ffmpeg: string;
  ffprobe: string;
  x264?: X264Settings | undefined;
  /** The course's encoding setting at the time the job runs. */
  quality: EncodingQuality;
  lectureId: string;
  jobId: string;
  source: string;
  probe: MediaProbe;
  signal: AbortSignal;
  onProgress(p: FfmpegProgress): void;
  onSpawn(pid: number): void;
}

const OUTPUT: Record<MediaJobKind, OutputName> = { poster: 'poster.jpg', storyboard: 'storyboard', ladder: 'hls', preview: 'preview.mp4' };

/**
 * Runs one job into its own temp folder and moves the finished output into place in one rename; on any
 * failure or cancel the temp folder goes, so nothing partial is ever left behind.
 */
export async function runJob(kind: MediaJobKind, ctx: JobContext): Promise<void> {
  const temp = ctx.paths.jobTemp(ctx.lectureId, ctx.jobId);
  await fs.promises.rm(temp, { recursive: true, force: true });
  await fs.promises.mkdir(temp, { recursive: true });
  try {
    const built = await produce(kind, ctx, temp);
    await install(built, ctx.paths.output(ctx.lectureId, OUTPUT[kind]), temp);
  } finally {
    await fs.promises.rm(temp, { recursive: true, force: true });
  }
}

async function produce(kind: MediaJobKind, ctx: JobContext, temp: string): Promise<string> {
  const duration = ctx.probe.durationSec ?? 0;
  const common = { ffmpegPath: ctx.ffmpeg, signal: ctx.signal, onProgress: ctx.onProgress, onSpawn: ctx.onSpawn };
  switch (kind) {
    case 'poster': {
      const out = path.join(temp, 'poster.jpg');
      await runFfmpeg({ ...common, build: posterCommand(ctx.source, out, ctx.probe), outputSec: 0 });
      return out;
    }
    case 'storyboard': {
      const out = path.join(temp, 'storyboard');
      await fs.promises.mkdir(out);
      const plan = storyboardPlanFor(ctx.probe);
      await runFfmpeg({ ...common, build: storyboardCommand(ctx.source, out, plan), outputSec: 0 });
      // ffmpeg exits 0 without writing anything when the tile never fills; a VTT pointing at no sprite is worse than a failed job.
      if (!fs.existsSync(path.join(out, STORYBOARD_SPRITE))) throw new Error('ffmpeg produced no storyboard sprite');
      await writeStoryboardVtt(out, plan, duration);
      return out;
    }
    case 'ladder': {
      const out = path.join(temp, 'hls');
      await fs.promises.mkdir(out);
      const video = ctx.probe.video;
      if (!video) throw new Error('the source has no video track');
      const plan = planLadder(video.width, video.height, video.frameRate, ctx.probe.audio !== null, { quality: ctx.quality, audioChannels: ctx.probe.audio?.channels });
      await runFfmpeg({ ...common, build: ladderCommand(ctx.source, out, plan, ctx.x264), outputSec: duration });
      await nameLadderFolders(out, plan);
      const { renditions, dropped } = await finishLadder(out, plan);
      const info: LadderInfo = { master: MASTER_PLAYLIST, renditions, quality: ctx.quality, dropped };
      await fs.promises.writeFile(path.join(out, LADDER_INFO), JSON.stringify(info));
      return out;
    }
    case 'preview': {
      const out = path.join(temp, 'preview.mp4');
      const sec = Math.min(PREVIEW_CLIP_SEC, duration);
      const ladder = readLadderInfo(ctx.paths.output(ctx.lectureId, 'hls'));
      const lowest = ladder?.renditions[ladder.renditions.length - 1];
      const build = lowest
        ? previewFromLadderCommand(ctx.paths.output(ctx.lectureId, 'hls'), lowest.name, ctx.probe.audio !== null, out, sec)
        : previewEncodeCommand(ctx.source, out, ctx.probe, sec);
      await runFfmpeg({ ...common, build, outputSec: sec });
      return out;
    }
  }
}

export interface LadderInfo {
  master: string;
  renditions: MediaRendition[];
  /** The course setting it was encoded with; ladders from before the setting existed were fixed-bitrate and count as stale. */
  quality?: EncodingQuality | undefined;
  /** Rungs encoded but removed as adding nothing. */
  dropped?: string[] | undefined;
}

export function readLadderInfo(hlsDir: string): LadderInfo | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(hlsDir, LADDER_INFO), 'utf8')) as LadderInfo;
  } catch {
    return null;
  }
}

/** Swaps a finished file or folder into place; an older version is moved aside first and removed after. */
async function install(built: string, final: string, temp: string): Promise<void> {
  const old = path.join(temp, '.replaced');
  const hadOld = await fs.promises.rename(final, old).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
  await fs.promises.rename(built, final);
  if (hadOld) await fs.promises.rm(old, { recursive: true, force: true });
}
