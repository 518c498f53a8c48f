import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { trialLadder } from './ffmpeg-trial';

const run = promisify(execFile);

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
}

export interface FfmpegReport extends FfmpegPaths {
  /** First line of `ffmpeg -version`, e.g. "ffmpeg version 5.1.9-0+deb12u1". */
  version: string;
  /** What Lectern's pipeline needs and this ffmpeg lacks; empty when usable. */
  missing: string[];
  /** A sentence a user can act on when something is missing; null when usable. */
  problem: string | null;
}

/** Where the system ffmpeg lives on Debian-like systems; preferred over the bundled 2018 static build when present. */
const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';
const SYSTEM_FFPROBE = '/usr/bin/ffprobe';

/**
 * Which ffmpeg/ffprobe to run. Order: explicit option, then $LECTERN_FFMPEG / $LECTERN_FFPROBE, then the
 * system binaries, then the bundled builds (the packaged app's fallback): ffmpeg from @ffmpeg-installer (a
 * 2018 build) and ffprobe from ffprobe-static (4.0.2), not @ffprobe-installer, whose 2023 linux-x64 build
 * crashes on every MPEG-TS file. The pipeline's commands run on both the bundled and a current ffmpeg
 * (docs/PERFORMANCE.md has the comparison); a system ffmpeg wins because it gets security fixes with the OS.
 */
export function resolveFfmpegPaths(opts: Partial<FfmpegPaths> = {}, env: NodeJS.ProcessEnv = process.env): FfmpegPaths {
  return {
    ffmpeg: opts.ffmpeg ?? nonEmpty(env.LECTERN_FFMPEG) ?? existing(SYSTEM_FFMPEG) ?? bundled('@ffmpeg-installer/ffmpeg') ?? 'ffmpeg',
    ffprobe: opts.ffprobe ?? nonEmpty(env.LECTERN_FFPROBE) ?? existing(SYSTEM_FFPROBE) ?? bundled('ffprobe-static') ?? 'ffprobe',
  };
}

const FIX = 'Install a current ffmpeg (from your package manager or ffmpeg.org), or set LECTERN_FFMPEG and LECTERN_FFPROBE to working binaries, then restart Lectern.';

const checked = new Map<string, Promise<FfmpegReport>>();

/**
 * Checks the binaries once per process (per path and file version, so a replaced binary is checked
 * again): they run, list libx264, the native AAC encoder and the HLS muxer, and then actually build a
 * one-second trial ladder with the pipeline's own command. Never rejects; problems are in the report.
 */
export function inspectFfmpeg(paths: FfmpegPaths): Promise<FfmpegReport> {
  const key = [paths.ffmpeg, paths.ffprobe, fileVersion(paths.ffmpeg), fileVersion(paths.ffprobe)].join('\0');
  let report = checked.get(key);
  if (!report) {
    report = inspectUncached(paths);
    checked.set(key, report);
  }
  return report;
}

async function inspectUncached(paths: FfmpegPaths): Promise<FfmpegReport> {
  let version: string;
  try {
    version = await firstLine(paths.ffmpeg, ['-hide_banner', '-version']);
    await firstLine(paths.ffprobe, ['-hide_banner', '-version']);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ...paths,
      version: 'unknown',
      missing: ['ffmpeg'],
      problem: `Lectern could not run ffmpeg (${paths.ffmpeg}) or ffprobe (${paths.ffprobe}): ${message}. ${FIX}`,
    };
  }
  const missing: string[] = [];
  try {
    const [encoders, muxers] = await Promise.all([
      run(paths.ffmpeg, ['-hide_banner', '-encoders'], { maxBuffer: 4 << 20, timeout: 15_000 }).then((r) => r.stdout),
      run(paths.ffmpeg, ['-hide_banner', '-muxers'], { maxBuffer: 4 << 20, timeout: 15_000 }).then((r) => r.stdout),
    ]);
    if (!listed(encoders, 'libx264')) missing.push('libx264 encoder');
    if (!listed(encoders, 'aac')) missing.push('aac encoder');
    if (!listed(muxers, 'hls')) missing.push('hls muxer');
  } catch {
    missing.push('readable encoder and muxer lists');
  }
  if (missing.length) {
    return { ...paths, version, missing, problem: `${paths.ffmpeg} (${short(version)}) lacks ${missing.join(', ')}, which Lectern needs to build lecture video. ${FIX}` };
  }
  const failure = await trialLadder(paths);
  if (failure) {
    return {
      ...paths,
      version,
      missing: ['a working HLS ladder'],
      problem: `${paths.ffmpeg} (${short(version)}) failed Lectern's one-second trial video build, so lectures cannot be built with it (${failure}). ${FIX}`,
    };
  }
  return { ...paths, version, missing, problem: null };
}

/** `-encoders` / `-muxers` print one entry per line as "<flags> <name> <description>". */
function listed(table: string, name: string): boolean {
  return table.split('\n').some((line) => line.trim().split(/\s+/)[1] === name);
}

async function firstLine(bin: string, args: string[]): Promise<string> {
  const { stdout } = await run(bin, args, { timeout: 15_000 });
  return stdout.split('\n')[0]?.trim() ?? '';
}

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v : undefined;
}

/** "ffmpeg version 5.1.9-0+deb12u1 Copyright …" → "ffmpeg version 5.1.9-0+deb12u1". */
function short(version: string): string {
  return version.split(/\s+/).slice(0, 3).join(' ');
}

/** Size and modification time: enough to notice an ffmpeg that was upgraded or replaced in place. */
function fileVersion(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

function existing(file: string): string | undefined {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** The bundled packages throw (or name a missing file) when their platform binary is absent, so they are loaded only as a fallback. */
function bundled(pkg: string): string | undefined {
  try {
    const mod = createRequire(import.meta.url)(pkg) as { path?: unknown };
    if (typeof mod.path !== 'string') return undefined;
    // In a packaged app the binary is unpacked next to app.asar; a path inside the archive cannot be executed.
    const file = mod.path.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    // ffprobe-static names a path for any Linux architecture but ships only ia32 and x64.
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
