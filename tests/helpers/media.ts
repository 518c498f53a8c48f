import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Tests run against the system ffmpeg unless LECTERN_FFMPEG/LECTERN_FFPROBE say otherwise (see ../shared/README.md). */
export const FFMPEG = process.env.LECTERN_FFMPEG || '/usr/bin/ffmpeg';
export const FFPROBE = process.env.LECTERN_FFPROBE || '/usr/bin/ffprobe';
export const ffmpegPaths = { ffmpeg: FFMPEG, ffprobe: FFPROBE };
/** What tests inspect outputs with: the system ffprobe when there is one, whichever binaries the pipeline runs on, so the checker does not share the bugs of what it checks. */
export const CHECK_FFPROBE = fs.existsSync('/usr/bin/ffprobe') ? '/usr/bin/ffprobe' : FFPROBE;

export interface TestVideo {
  width?: number;
  height?: number;
  durationSec?: number;
  fps?: number;
  audio?: boolean;
  /** Writes a display matrix (degrees) by a stream-copy pass, the way phones tag portrait video. */
  rotate?: number;
  /** Keyframe interval in frames; sources from screen recorders often have long GOPs. */
  gop?: number;
  /** Video encoder; default libx264 (ultrafast, so generating test media stays cheap). */
  codec?: string;
  /** Extra output arguments, e.g. a container format. */
  extra?: string[];
}

/** Writes a synthetic clip (testsrc2 picture, 440 Hz sine) to `file`; nothing binary is committed. */
export function makeVideo(file: string, v: TestVideo = {}): string {
  const { width = 320, height = 180, durationSec = 3, fps = 30, audio = true, gop = fps * 2, codec = 'libx264' } = v;
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${durationSec}`];
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${durationSec}`);
  args.push('-c:v', codec, '-pix_fmt', 'yuv420p');
  if (codec === 'libx264') args.push('-preset', 'ultrafast', '-g', String(gop));
  if (audio) args.push('-c:a', 'aac', '-shortest');
  args.push(...(v.extra ?? []));
  const target = v.rotate ? `${file}.unrotated${file.slice(file.lastIndexOf('.'))}` : file;
  execFileSync(FFMPEG, [...args, target]);
  if (v.rotate) {
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', target, '-c', 'copy', '-metadata:s:v:0', `rotate=${v.rotate}`, file]);
    fs.rmSync(target);
  }
  return file;
}

/** An audio-only file (AAC in M4A). */
export function makeAudio(file: string, durationSec = 2): string {
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${durationSec}`, '-c:a', 'aac', file]);
  return file;
}

/** A single PNG picture. */
export function makePng(file: string): string {
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', file]);
  return file;
}

export function ffprobeJson(file: string, entries: string[] = ['-show_format', '-show_streams']): unknown {
  return JSON.parse(execFileSync(CHECK_FFPROBE, ['-v', 'error', '-print_format', 'json', ...entries, file], { encoding: 'utf8' })) as unknown;
}
