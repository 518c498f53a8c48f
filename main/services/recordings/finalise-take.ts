import fs from 'node:fs';
import path from 'node:path';
import type { MediaProbe } from '../../contract/types';
import type { FfmpegPaths } from '../media/ffmpeg-tools';
import { posterCommand, storyboardCommand, storyboardPlanFor, writeStoryboardVtt } from '../media/previews';
import { probeFile } from '../media/probe';
import { runFfmpeg } from '../media/run-ffmpeg';
import { STORYBOARD_DIR, THUMBNAIL_FILE, type FinalName } from './take-paths';

/** Codecs the WebM muxer takes; anything else (H.264 from some recorders) goes into Matroska. */
const WEBM_CODECS = new Set(['vp8', 'vp9', 'av1', 'opus', 'vorbis']);

export interface Finalised {
  finalName: FinalName;
  probe: MediaProbe;
}

/**
 * MediaRecorder writes WebM as a live stream: no duration and no Cues (seek index), so players cannot
 * seek and ffprobe reports no length. A stream copy into a fresh file writes both, takes well under a
 * second per minute and loses nothing. Plain options only, so the bundled 2018 ffmpeg runs it too.
 * A file cut off mid-cluster (a kill) remuxes up to its last whole frame.
 */
export async function remuxTake(bins: FfmpegPaths, dir: string, fileName: string, signal?: AbortSignal): Promise<Finalised> {
  const raw = path.join(dir, fileName);
  const rawProbe = await probeFile(bins.ffprobe, raw);
  const codecs = [rawProbe.video?.codec, rawProbe.audio?.codec].filter((c): c is string => Boolean(c));
  if (!codecs.length) throw new Error('it holds no audio or video that ffmpeg can read');
  const finalName: FinalName = /mp4|mov/.test(rawProbe.container) ? 'final.mp4' : codecs.every((c) => WEBM_CODECS.has(c)) ? 'final.webm' : 'final.mkv';
  const format = finalName === 'final.mp4' ? 'mp4' : finalName === 'final.webm' ? 'webm' : 'matroska';
  const temp = path.join(dir, `.tmp-${finalName}`);
  try {
    await runFfmpeg({
      ffmpegPath: bins.ffmpeg,
      outputSec: 0,
      signal,
      build: (cmd) => {
        cmd
          .input(raw)
          .outputOptions('-map', '0:v?', '-map', '0:a?', '-c', 'copy', ...(format === 'mp4' ? ['-movflags', '+faststart'] : []), '-f', format)
          .output(temp);
      },
    });
    const probe = await probeFile(bins.ffprobe, temp);
    if (!(probe.durationSec && probe.durationSec > 0)) throw new Error('the remuxed file has no duration');
    await fs.promises.rename(temp, path.join(dir, finalName));
    return { finalName, probe };
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/**
 * The take list's thumbnail and the trim timeline's storyboard, with the media pipeline's own commands.
 * Optional extras: a failure here leaves a playable take without them, so it is reported, not thrown.
 */
export async function takePictures(bins: FfmpegPaths, dir: string, finalName: FinalName, probe: MediaProbe, signal?: AbortSignal): Promise<string[]> {
  if (!probe.video) return [];
  const problems: string[] = [];
  const video = path.join(dir, finalName);
  const durationSec = probe.durationSec ?? 0;
  const thumbTemp = path.join(dir, `.tmp-${THUMBNAIL_FILE}`);
  try {
    await runFfmpeg({ ffmpegPath: bins.ffmpeg, outputSec: 0, signal, build: posterCommand(video, thumbTemp, probe) });
    await fs.promises.rename(thumbTemp, path.join(dir, THUMBNAIL_FILE));
  } catch (err) {
    await fs.promises.rm(thumbTemp, { force: true });
    if (signal?.aborted) throw err;
    problems.push(`thumbnail: ${err instanceof Error ? err.message : String(err)}`);
  }
  const temp = path.join(dir, `.tmp-${STORYBOARD_DIR}`);
  try {
    await fs.promises.rm(temp, { recursive: true, force: true });
    await fs.promises.mkdir(temp);
    const plan = storyboardPlanFor(probe);
    await runFfmpeg({ ffmpegPath: bins.ffmpeg, outputSec: durationSec, signal, build: storyboardCommand(video, temp, plan) });
    await writeStoryboardVtt(temp, plan, durationSec);
    const out = path.join(dir, STORYBOARD_DIR);
    await fs.promises.rm(out, { recursive: true, force: true });
    await fs.promises.rename(temp, out);
  } catch (err) {
    await fs.promises.rm(temp, { recursive: true, force: true });
    if (signal?.aborted) throw err;
    problems.push(`storyboard: ${err instanceof Error ? err.message : String(err)}`);
  }
  return problems;
}

/**
 * The in/out cut, re-encoded to H.264/AAC so it starts exactly at `startSec` (a stream copy would start
 * at the keyframe before it, and MediaRecorder's keyframes can be far apart). `-ss` before `-i` seeks by
 * index and then decodes accurately to the point. Odd picture sizes (window captures) are rounded down
 * to even ones for 4:2:0.
 */
export async function trimTake(bins: FfmpegPaths, opts: { input: string; output: string; startSec: number; endSec: number; hasAudio: boolean; signal?: AbortSignal }): Promise<void> {
  const durationSec = opts.endSec - opts.startSec;
  const temp = path.join(path.dirname(opts.output), `.tmp-${path.basename(opts.output)}`);
  try {
    await runFfmpeg({
      ffmpegPath: bins.ffmpeg,
      outputSec: durationSec,
      signal: opts.signal,
      build: (cmd) => {
        cmd
          .input(opts.input)
          .inputOptions('-ss', opts.startSec.toFixed(3))
          .outputOptions(
            '-t', durationSec.toFixed(3),
            '-map', '0:v:0', ...(opts.hasAudio ? ['-map', '0:a:0'] : []),
            '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1,format=yuv420p',
            '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-threads', '2',
            ...(opts.hasAudio ? ['-c:a', 'aac', '-b:a', '160k'] : ['-an']),
            '-movflags', '+faststart', '-f', 'mp4',
          )
          .output(temp);
      },
    });
    await fs.promises.rename(temp, opts.output);
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}
