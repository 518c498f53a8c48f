import fs from 'node:fs';
import path from 'node:path';
import type { FfmpegCommand } from 'fluent-ffmpeg';
import type { LadderPlan } from './ladder-plan';

export const AUDIO_NAME = 'audio';

export interface X264Settings {
  preset: string;
  /** x264 threads per encoder; 2 measured ≈7% faster than automatic on a 2-core machine, with less memory. */
  threads: number;
}

export const DEFAULT_X264: X264Settings = { preset: 'veryfast', threads: 2 };

/**
 * One ffmpeg run for the whole ladder: decode once, scale down rung by rung, encode audio once into
 * its own rendition (listed after the videos in var_stream_map, which keeps `%v` numbering stable), and
 * write each variant's media playlist and TS segments under `<outDir>/<index>/`; `nameLadderFolders`
 * then renames them to `<outDir>/<name>/`. The master playlist is written by Lectern afterwards
 * (write-master.ts) with measured BANDWIDTH and CODECS.
 *
 * var_stream_map carries no `name:` keys: the ffmpeg that the packaged app ships (@ffmpeg-installer, a
 * 2018 build) rejects them ("Invalid keyval name:720p"), and numbered folders renamed afterwards give the
 * same layout on every ffmpeg (measured in docs/PERFORMANCE.md).
 */
export function ladderCommand(source: string, outDir: string, plan: LadderPlan, x264: X264Settings = DEFAULT_X264): (cmd: FfmpegCommand) => void {
  return (cmd) => {
    const pre = plan.fps === 30 ? 'fps=30,' : '';
    // A cascade, each rung scaled from the one above it (rungs go from the largest down): only the top rung
    // scales the full source, which measured ≈6 % off the whole ladder against scaling every rung from the
    // source, with no visible difference at these ratios.
    const graph = plan.rungs
      .map((r, i) => {
        const input = i === 0 ? `[0:v]${pre}` : `[c${i - 1}]`;
        const scale = `scale=${r.width}:${r.height},setsar=1${i === 0 ? ',format=yuv420p' : ''}`;
        const last = i === plan.rungs.length - 1;
        return last ? `${input}${scale}[v${i}]` : `${input}${scale},split=2[v${i}][c${i}]`;
      })
      .join(';');
    const opts: string[] = ['-filter_complex', graph];
    plan.rungs.forEach((r, i) => {
      opts.push('-map', `[v${i}]`);
      // Constant quality capped at today's bitrate: slides and a talking head take a fraction of the cap,
      // full motion hits it and stays where the fixed ladder was (docs/PERFORMANCE.md).
      if (plan.rateControl === 'crf') opts.push(`-crf:v:${i}`, String(r.crf));
      else opts.push(`-b:v:${i}`, `${r.videoKbps}k`);
      opts.push(`-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.1)}k`, `-bufsize:v:${i}`, `${Math.round(r.videoKbps * 1.5)}k`);
    });
    opts.push('-c:v', 'libx264', '-preset', x264.preset, '-threads', String(x264.threads), '-profile:v', 'high');
    // Fixed GOP of exactly one segment, no scene-cut keyframes: segment boundaries line up across renditions.
    const forced = `expr:gte(t,n_forced*${plan.segmentSec})`;
    opts.push('-g', String(plan.gop), '-keyint_min', String(plan.gop), '-sc_threshold', '0', '-force_key_frames', forced);
    const streams = plan.rungs.map((_r, i) => `v:${i}${plan.audioKbps ? ',agroup:aud' : ''}`);
    if (plan.audioKbps) {
      opts.push('-map', '0:a:0', '-c:a', 'aac', '-b:a', `${plan.audioKbps}k`, '-ac', String(plan.audioChannels), '-ar', '48000');
      streams.push('a:0,agroup:aud');
    }
    opts.push(
      '-f', 'hls',
      '-hls_time', String(plan.segmentSec),
      '-hls_playlist_type', 'vod',
      '-hls_flags', 'independent_segments',
      '-hls_segment_type', 'mpegts',
      '-hls_segment_filename', path.join(outDir, '%v', 'seg_%05d.ts'),
      '-var_stream_map', streams.join(' '),
    );
    // Spread, not an array: fluent-ffmpeg splits a two-word array entry such as the var_stream_map value.
    cmd.input(source).outputOptions(...opts).output(path.join(outDir, '%v', 'index.m3u8'));
  };
}

/** The folder each var_stream_map entry ends up in, by `%v` index: the rungs in plan order, then the audio. */
export function ladderFolders(plan: LadderPlan): string[] {
  return [...plan.rungs.map((r) => r.name), ...(plan.audioKbps ? [AUDIO_NAME] : [])];
}

/**
 * Renames ffmpeg's numbered variant folders to their rendition names. Numbers and names never collide
 * (names end in "p" or are "audio"), so one rename each suffices; a missing folder means ffmpeg wrote
 * less than the plan asked for, which is an error, not something to paper over.
 */
export async function nameLadderFolders(outDir: string, plan: LadderPlan): Promise<void> {
  const names = ladderFolders(plan);
  for (const [i, name] of names.entries()) {
    const from = path.join(outDir, String(i));
    try {
      await fs.promises.rename(from, path.join(outDir, name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`ffmpeg wrote no ${name} rendition (expected the folder ${from}${code ? `, ${code}` : ''})`);
    }
  }
}
