import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FfmpegPaths } from './ffmpeg-tools';
import { ladderCommand, ladderFolders, nameLadderFolders } from './ladder-command';
import type { LadderPlan } from './ladder-plan';
import { previewFromLadderCommand } from './previews';
import { probeFile } from './probe';
import { FfmpegCancelled, runFfmpeg } from './run-ffmpeg';
import { writeMasterPlaylist } from './write-master';

/** Two small rungs and audio, one-second segments: every feature of the real ladder, in well under a second. */
export const TRIAL_PLAN: LadderPlan = {
  rungs: [
    { name: '180p', width: 320, height: 180, videoKbps: 300, crf: 23 },
    { name: '90p', width: 160, height: 90, videoKbps: 100, crf: 23 },
  ],
  fps: 30,
  gop: 30,
  segmentSec: 1,
  audioKbps: 64,
  audioChannels: 2,
  rateControl: 'crf',
  quality: 'balanced',
};

const TRIAL_SEC = 2;
/** Generous: the trial takes ≈1 s on an idle 2-core machine, but a busy one may be several times slower. */
const TRIAL_TIMEOUT_MS = 60_000;

/**
 * Builds a real ladder (the pipeline's own ladderCommand, folder naming and master playlist), cuts the
 * preview clip from it and probes that with ffprobe, from a synthetic lavfi picture and tone in a temp
 * folder that is removed afterwards.
 * Resolves to null when it worked, else to what went wrong in a few words. A binary can list libx264,
 * aac and hls and still fail here: old builds reject newer HLS options, some crash on them.
 */
export async function trialLadder(paths: FfmpegPaths): Promise<string | null> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lectern-ffmpeg-trial-'));
  try {
    // One lavfi input with two outputs, so the picture is 0:v and the tone 0:a, as with a real source.
    const source = `testsrc=size=320x180:rate=30:duration=${TRIAL_SEC}[out0];sine=frequency=440:sample_rate=48000:duration=${TRIAL_SEC}[out1]`;
    await runFfmpeg({
      ffmpegPath: paths.ffmpeg,
      build: (cmd) => {
        ladderCommand(source, dir, TRIAL_PLAN)(cmd);
        cmd.inputOptions('-f', 'lavfi');
      },
      outputSec: TRIAL_SEC,
      signal: AbortSignal.timeout(TRIAL_TIMEOUT_MS),
    });
    await nameLadderFolders(dir, TRIAL_PLAN);
    // Audio packets do not end on a frame boundary, so the audio playlist may carry a few ms more; the video renditions must match exactly.
    const cuts = await Promise.all(ladderFolders(TRIAL_PLAN).map((name) => segmentDurations(path.join(dir, name, 'index.m3u8'))));
    cuts.length = TRIAL_PLAN.rungs.length;
    const first = cuts[0]?.join(',') ?? '';
    if (!first) return 'it wrote no segments';
    if (cuts.some((c) => c.join(',') !== first)) return `its renditions are cut at different points (${cuts.map((c) => c.join('+')).join(' vs ')} s)`;
    await writeMasterPlaylist(dir, TRIAL_PLAN);
    // The preview clip is cut from the ladder (HLS demuxer, MP4 muxer), and ffprobe reads it as it reads imports.
    const clip = path.join(dir, 'preview.mp4');
    await runFfmpeg({ ffmpegPath: paths.ffmpeg, build: previewFromLadderCommand(dir, TRIAL_PLAN.rungs[1]!.name, true, clip, TRIAL_SEC), outputSec: TRIAL_SEC, signal: AbortSignal.timeout(TRIAL_TIMEOUT_MS) });
    const probe = await probeFile(paths.ffprobe, clip).catch((err: unknown) => {
      throw new Error(`ffprobe (${paths.ffprobe}) could not read an MP4 that ffmpeg wrote: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (probe.video?.codec !== 'h264' || probe.audio?.codec !== 'aac') return `the trial clip came out as ${probe.video?.codec ?? 'no video'} / ${probe.audio?.codec ?? 'no audio'} instead of H.264 / AAC`;
    return null;
  } catch (err) {
    if (err instanceof FfmpegCancelled) return `it did not finish within ${TRIAL_TIMEOUT_MS / 1000} s`;
    return err instanceof Error ? err.message : String(err);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** EXTINF durations of a VOD media playlist; a playlist without its end tag was not finished. */
async function segmentDurations(playlist: string): Promise<string[]> {
  const text = await fs.promises.readFile(playlist, 'utf8');
  if (!text.includes('#EXT-X-ENDLIST')) throw new Error(`${playlist} was left unfinished`);
  return text
    .split('\n')
    .filter((l) => l.startsWith('#EXTINF:'))
    .map((l) => Number.parseFloat(l.slice(8)).toFixed(2));
}
