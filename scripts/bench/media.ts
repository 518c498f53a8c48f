/**
 * bench:media — Lectern's one-decode HLS ladder against four separate ffmpeg runs (one per rendition,
 * same x264 settings), and the previews (poster + storyboard + preview clip) against the source length.
 *
 *   npm run bench:media -- [--runs 3] [--seconds 60] [--keep]
 *
 * Uses $LECTERN_FFMPEG/$LECTERN_FFPROBE, else the system ffmpeg. Ends with exactly two lines:
 * `ladder_vs_naive_ratio=<x>` and `previews_vs_duration=<x>`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FfmpegCommand } from 'fluent-ffmpeg';
import { resolveFfmpegPaths } from '../../main/services/media/ffmpeg-tools';
import { DEFAULT_X264, ladderCommand, nameLadderFolders } from '../../main/services/media/ladder-command';
import { planLadder, type LadderPlan } from '../../main/services/media/ladder-plan';
import { parseProbe } from '../../main/services/media/probe';
import { PREVIEW_CLIP_SEC, posterCommand, previewEncodeCommand, previewFromLadderCommand, storyboardCommand, storyboardPlanFor, writeStoryboardVtt } from '../../main/services/media/previews';
import { runFfmpeg } from '../../main/services/media/run-ffmpeg';
import { writeMasterPlaylist } from '../../main/services/media/write-master';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
};
const runs = flag('runs', 3);
const seconds = flag('seconds', 60);
const bins = resolveFfmpegPaths();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-media-'));
const source = path.join(work, 'source-1080p30.mp4');

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const run = (build: (cmd: FfmpegCommand) => void, outputSec = 0) => runFfmpeg({ ffmpegPath: bins.ffmpeg, build, outputSec });

/** The baseline: what a straightforward script does, one full decode + scale + encode (audio included) per rendition. */
async function naiveLadder(out: string, plan: LadderPlan): Promise<void> {
  for (const rung of plan.rungs) {
    const one: LadderPlan = { ...plan, rungs: [rung] };
    await run(ladderCommand(source, path.join(out, rung.name), one), seconds);
    await nameLadderFolders(path.join(out, rung.name), one);
  }
}

async function main(): Promise<void> {
  log(`bench:media  ffmpeg=${bins.ffmpeg}  ${execFileSync(bins.ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n')[0]}`);
  log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; x264 preset ${DEFAULT_X264.preset}, threads ${DEFAULT_X264.threads}`);
  const genTime = await timed(async () => {
    execFileSync(bins.ffmpeg, [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', source,
    ]);
  });
  const probe = parseProbe(JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', source], { encoding: 'utf8' })) as unknown);
  const video = probe.video!;
  const plan = planLadder(video.width, video.height, video.frameRate, probe.audio !== null);
  log(`source: ${seconds} s ${video.width}x${video.height}@${video.frameRate ?? '?'} generated in ${genTime.toFixed(1)} s; rungs ${plan.rungs.map((r) => r.name).join(', ')}; ${runs} run(s)`);

  const ladder: number[] = [];
  const naive: number[] = [];
  const previews: number[] = [];
  const previewEncode: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = path.join(work, `run-${i}`);
    const hls = path.join(dir, 'hls');
    fs.mkdirSync(hls, { recursive: true });
    // Alternate the order so drifting load on a shared machine does not favour one strategy.
    const lectern = () => timed(async () => {
      await run(ladderCommand(source, hls, plan), seconds);
      await nameLadderFolders(hls, plan);
      await writeMasterPlaylist(hls, plan);
    });
    const baseline = () => timed(() => naiveLadder(path.join(dir, 'naive'), plan));
    if (i % 2 === 0) {
      ladder.push(await lectern());
      naive.push(await baseline());
    } else {
      naive.push(await baseline());
      ladder.push(await lectern());
    }
    const sb = path.join(dir, 'storyboard');
    fs.mkdirSync(sb);
    const sbPlan = storyboardPlanFor(probe);
    const clipSec = Math.min(PREVIEW_CLIP_SEC, seconds);
    previews.push(
      await timed(async () => {
        await run(posterCommand(source, path.join(dir, 'poster.jpg'), probe));
        await run(storyboardCommand(source, sb, sbPlan));
        await writeStoryboardVtt(sb, sbPlan, seconds);
        await run(previewFromLadderCommand(hls, plan.rungs.at(-1)!.name, true, path.join(dir, 'preview.mp4'), clipSec), clipSec);
      }),
    );
    previewEncode.push(await timed(() => run(previewEncodeCommand(source, path.join(dir, 'preview-encoded.mp4'), probe, clipSec), clipSec)));
    log(`run ${i + 1}: ladder ${ladder[i]!.toFixed(1)} s, naive ${naive[i]!.toFixed(1)} s, previews ${previews[i]!.toFixed(2)} s (preview clip encoded on its own instead: ${previewEncode[i]!.toFixed(1)} s)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ratio = median(ladder) / median(naive);
  log(`median ladder ${median(ladder).toFixed(1)} s (realtime factor ${(seconds / median(ladder)).toFixed(2)}x), naive ${median(naive).toFixed(1)} s`);
  log(`median previews ${median(previews).toFixed(2)} s; a separately encoded ${Math.min(PREVIEW_CLIP_SEC, seconds)} s 360p clip ${median(previewEncode).toFixed(1)} s`);
  log(`ladder_vs_naive_ratio=${ratio.toFixed(3)}`);
  log(`previews_vs_duration=${(median(previews) / seconds).toFixed(4)}`);
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:media failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!args.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  });
