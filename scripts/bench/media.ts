/**
 * bench:media — Lectern's content-aware ladder (constant quality capped per rung, rung dropping) against
 * the fixed-bitrate ladder it replaced, on a lecture-like and a full-motion source generated here; the
 * one-decode ladder against four separate ffmpeg runs; and the previews against the source length.
 *
 *   npm run bench:media -- [--runs 3] [--seconds 60] [--keep]
 *
 * --seconds (or $LECTERN_BENCH_SECONDS) shortens the sources on a busy machine; the figures are
 * for 60 s. Uses $LECTERN_FFMPEG/$LECTERN_FFPROBE, else the system ffmpeg. Ends with `name=value` lines:
 * ladder_bytes_vs_fixed, ladder_bytes_vs_fixed_motion, ladder_min_ssim, ladder_min_ssim_motion,
 * ladder_ssim_loss_vs_fixed_motion, ladder_time_vs_fixed, ladder_time_vs_fixed_motion,
 * ladder_vs_naive_ratio and previews_vs_duration.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FfmpegCommand } from 'fluent-ffmpeg';
import { resolveFfmpegPaths } from '../../main/services/media/ffmpeg-tools';
import { finishLadder } from '../../main/services/media/finish-ladder';
import { DEFAULT_X264, ladderCommand, nameLadderFolders } from '../../main/services/media/ladder-command';
import { planLadder, type LadderPlan } from '../../main/services/media/ladder-plan';
import { parseProbe } from '../../main/services/media/probe';
import { PREVIEW_CLIP_SEC, posterCommand, previewEncodeCommand, previewFromLadderCommand, storyboardCommand, storyboardPlanFor, writeStoryboardVtt } from '../../main/services/media/previews';
import { runFfmpeg } from '../../main/services/media/run-ffmpeg';
import { writeMasterPlaylist } from '../../main/services/media/write-master';
import { makeSource, type SourceKind } from './lavfi-sources';
import { folderBytes, rungSsim } from './ssim';
import { numberFlag } from './args';

const runs = numberFlag('runs', 3);
const seconds = numberFlag('seconds', Number(process.env.LECTERN_BENCH_SECONDS ?? 60));
const bins = resolveFfmpegPaths();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-media-'));

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

interface Source {
  kind: SourceKind;
  file: string;
  plan: LadderPlan;
}

function prepare(kind: SourceKind): Source {
  const file = makeSource(bins.ffmpeg, kind, path.join(work, `${kind}-1080p30.mp4`), { width: 1920, height: 1080, seconds });
  const probe = parseProbe(JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' })) as unknown);
  const video = probe.video!;
  return { kind, file, plan: planLadder(video.width, video.height, video.frameRate, probe.audio !== null, { audioChannels: probe.audio?.channels }) };
}

/** Today's pipeline as the app runs it: constant quality, then rung dropping and the measured master. */
async function contentAware(src: Source, out: string): Promise<LadderPlan> {
  fs.mkdirSync(out, { recursive: true });
  await run(ladderCommand(src.file, out, src.plan), seconds);
  await nameLadderFolders(out, src.plan);
  return (await finishLadder(out, src.plan)).plan;
}

/** The baseline: the fixed-bitrate ladder Lectern encoded before (5000/2800/1400/800 kbit/s, stereo 128k audio). */
async function fixed(src: Source, out: string): Promise<LadderPlan> {
  const plan: LadderPlan = { ...src.plan, rateControl: 'abr' };
  fs.mkdirSync(out, { recursive: true });
  await run(ladderCommand(src.file, out, plan), seconds);
  await nameLadderFolders(out, plan);
  await writeMasterPlaylist(out, plan);
  return plan;
}

/** One full decode + scale + encode (audio included) per rendition, with the content-aware settings. */
async function naiveLadder(src: Source, out: string): Promise<void> {
  for (const rung of src.plan.rungs) {
    const one: LadderPlan = { ...src.plan, rungs: [rung] };
    await run(ladderCommand(src.file, path.join(out, rung.name), one), seconds);
    await nameLadderFolders(path.join(out, rung.name), one);
  }
}

interface Compared {
  bytesRatio: number;
  timeRatio: number;
  minSsim: number;
  /** Largest per-rung SSIM loss against the fixed ladder (positive = worse than fixed). */
  maxLoss: number;
}

async function compare(src: Source): Promise<Compared> {
  const aware: number[] = [];
  const base: number[] = [];
  let bytes = { aware: 0, fixed: 0 };
  let minSsim = 1;
  let maxLoss = -1;
  for (let i = 0; i < runs; i++) {
    const dir = path.join(work, `${src.kind}-${i}`);
    let awarePlan = src.plan;
    const a = () => timed(async () => void (awarePlan = await contentAware(src, path.join(dir, 'aware'))));
    const f = () => timed(async () => void (await fixed(src, path.join(dir, 'fixed'))));
    // Alternate the order so drifting load on a shared machine does not favour one strategy.
    if (i % 2 === 0) {
      aware.push(await a());
      base.push(await f());
    } else {
      base.push(await f());
      aware.push(await a());
    }
    if (i === 0) {
      bytes = { aware: folderBytes(path.join(dir, 'aware')), fixed: folderBytes(path.join(dir, 'fixed')) };
      const parts: string[] = [];
      for (const rung of src.plan.rungs) {
        const fixedSsim = await rungSsim(bins.ffmpeg, src.file, path.join(dir, 'fixed'), rung);
        const kept = awarePlan.rungs.some((r) => r.name === rung.name);
        const awareSsim = kept ? await rungSsim(bins.ffmpeg, src.file, path.join(dir, 'aware'), rung) : null;
        if (awareSsim !== null) {
          minSsim = Math.min(minSsim, awareSsim);
          maxLoss = Math.max(maxLoss, fixedSsim - awareSsim);
        }
        const kbps = (sub: string) => (fs.existsSync(path.join(dir, sub, rung.name)) ? ((folderBytes(path.join(dir, sub, rung.name)) * 8) / seconds / 1000).toFixed(0) : '—');
        parts.push(`${rung.name}: ${kbps('aware')} vs ${kbps('fixed')} kbit/s, SSIM ${awareSsim?.toFixed(5) ?? 'dropped'} vs ${fixedSsim.toFixed(5)}`);
      }
      log(`${src.kind}: content-aware vs fixed, ${parts.join('; ')}`);
      log(`${src.kind}: kept ${awarePlan.rungs.map((r) => r.name).join(', ')}; ${(bytes.aware / 1e6).toFixed(2)} MB vs ${(bytes.fixed / 1e6).toFixed(2)} MB`);
    }
    log(`${src.kind} run ${i + 1}: content-aware ${aware[i]!.toFixed(1)} s, fixed ${base[i]!.toFixed(1)} s`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { bytesRatio: bytes.aware / bytes.fixed, timeRatio: median(aware) / median(base), minSsim, maxLoss };
}

async function main(): Promise<void> {
  log(`bench:media  ffmpeg=${bins.ffmpeg}  ${execFileSync(bins.ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n')[0]}`);
  log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; x264 preset ${DEFAULT_X264.preset}, threads ${DEFAULT_X264.threads}`);
  const lecture = prepare('lecture');
  const motion = prepare('motion');
  log(`sources: ${seconds} s 1920x1080@30 lecture-like and full-motion; ${runs} run(s)`);

  const lec = await compare(lecture);
  const mot = await compare(motion);

  const ladder: number[] = [];
  const naive: number[] = [];
  const previews: number[] = [];
  const previewEncode: number[] = [];
  const probe = parseProbe(JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', motion.file], { encoding: 'utf8' })) as unknown);
  for (let i = 0; i < runs; i++) {
    const dir = path.join(work, `naive-${i}`);
    const hls = path.join(dir, 'hls');
    const lectern = () => timed(async () => void (await contentAware(motion, hls)));
    const baseline = () => timed(() => naiveLadder(motion, path.join(dir, 'naive')));
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
        await run(posterCommand(motion.file, path.join(dir, 'poster.jpg'), probe));
        await run(storyboardCommand(motion.file, sb, sbPlan));
        await writeStoryboardVtt(sb, sbPlan, seconds);
        await run(previewFromLadderCommand(hls, motion.plan.rungs.at(-1)!.name, true, path.join(dir, 'preview.mp4'), clipSec), clipSec);
      }),
    );
    previewEncode.push(await timed(() => run(previewEncodeCommand(motion.file, path.join(dir, 'preview-encoded.mp4'), probe, clipSec), clipSec)));
    log(`run ${i + 1}: ladder ${ladder[i]!.toFixed(1)} s, naive ${naive[i]!.toFixed(1)} s, previews ${previews[i]!.toFixed(2)} s (preview clip encoded on its own instead: ${previewEncode[i]!.toFixed(1)} s)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  log(`median ladder ${median(ladder).toFixed(1)} s (realtime factor ${(seconds / median(ladder)).toFixed(2)}x), naive ${median(naive).toFixed(1)} s`);
  log(`median previews ${median(previews).toFixed(2)} s; a separately encoded ${Math.min(PREVIEW_CLIP_SEC, seconds)} s 360p clip ${median(previewEncode).toFixed(1)} s`);
  log(`ladder_bytes_vs_fixed=${lec.bytesRatio.toFixed(3)}`);
  log(`ladder_bytes_vs_fixed_motion=${mot.bytesRatio.toFixed(3)}`);
  log(`ladder_min_ssim=${lec.minSsim.toFixed(5)}`);
  log(`ladder_min_ssim_motion=${mot.minSsim.toFixed(5)}`);
  log(`ladder_ssim_loss_vs_fixed_motion=${mot.maxLoss.toFixed(5)}`);
  log(`ladder_time_vs_fixed=${lec.timeRatio.toFixed(3)}`);
  log(`ladder_time_vs_fixed_motion=${mot.timeRatio.toFixed(3)}`);
  log(`ladder_vs_naive_ratio=${(median(ladder) / median(naive)).toFixed(3)}`);
  log(`previews_vs_duration=${(median(previews) / seconds).toFixed(4)}`);
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:media failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  });
