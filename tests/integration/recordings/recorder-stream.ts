import { execFileSync } from 'node:child_process';
import { FFMPEG } from '../../helpers/media';

/**
 * A WebM the way MediaRecorder writes it: VP8 + Opus muxed as a live stream to a pipe, so the header
 * has no duration and there are no Cues (ffmpeg cannot seek back in a pipe to write them).
 */
export function recorderWebm(durationSec: number, opts: { width?: number; height?: number; fps?: number; keyframeSec?: number } = {}): Buffer {
  const { width = 320, height = 240, fps = 30, keyframeSec = 2 } = opts;
  return execFileSync(
    FFMPEG,
    [
      '-v', 'error',
      '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}:duration=${durationSec}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:duration=${durationSec}`,
      '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-g', String(Math.round(fps * keyframeSec)),
      '-c:a', 'libopus', '-shortest',
      '-f', 'webm', 'pipe:1',
    ],
    { maxBuffer: 1 << 30 },
  );
}

/** Cuts a stream into `count` byte slices of about equal size, as a 1 s timeslice would (boundaries fall anywhere). */
export function sliceStream(stream: Buffer, count: number): Buffer[] {
  const size = Math.ceil(stream.length / count);
  const out: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) out.push(stream.subarray(at, Math.min(stream.length, at + size)));
  return out;
}
