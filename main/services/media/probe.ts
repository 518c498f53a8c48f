import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { LecternError } from '../../contract/errors';
import type { MediaProbe } from '../../contract/types';
import { userError } from '../text/user-error';

const run = promisify(execFile);

/** The subset of `ffprobe -print_format json -show_format -show_streams` that Lectern reads. */
const ProbeJson = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        profile: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        sample_aspect_ratio: z.string().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        duration: z.string().optional(),
        sample_rate: z.string().optional(),
        channels: z.number().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
        tags: z.record(z.string(), z.string()).optional(),
        side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
      }),
    )
    .default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: z.string().optional(),
      size: z.string().optional(),
      bit_rate: z.string().optional(),
    })
    .optional(),
});

/** Runs ffprobe on a file; a file ffprobe cannot parse at all is reported as not a video, naming the file. */
export async function probeFile(ffprobe: string, file: string): Promise<MediaProbe> {
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { timeout: 60_000, maxBuffer: 16 << 20 }));
  } catch (err) {
    const stderr = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr).trim() : '';
    const detail = stderr.split('\n').pop() ?? '';
    const name = `"${path.basename(file)}"`;
    // A file that starts like an MP4/MOV and still fails lost its index (the moov box is written last). ffprobe's own
    // "moov atom not found" is no proof: it picks the MP4 demuxer for any file named .mp4, a text file included.
    if ((await looksLikeMp4(file)) || /partial file|Invalid NAL|truncat/i.test(stderr)) {
      throw new LecternError('invalid-input', `${name} is damaged or incomplete (ffprobe: ${detail}). Was the recording or copy interrupted? Export or copy it again.`, undefined, {
        failure: 'media-damaged',
        params: { file: path.basename(file) },
      });
    }
    throw new LecternError('invalid-input', `${name} is not a video Lectern can read${detail ? ` (ffprobe: ${detail})` : ''}.`, undefined, {
      failure: 'media-unreadable',
      params: { file: path.basename(file) },
    });
  }
  return parseProbe(JSON.parse(stdout) as unknown);
}

const DAMAGED = /partial file|Invalid NAL|truncat|error reading header|moov atom not found/i;

/**
 * Decodes the last two seconds: an MP4 written with its index first (faststart) still probes fine when
 * its media data was cut off, and only reading the end shows it.
 */
export async function checkTail(ffmpeg: string, file: string, durationSec: number): Promise<void> {
  const from = Math.max(0, durationSec - 2).toFixed(3);
  let stderr = '';
  try {
    ({ stderr } = await run(ffmpeg, ['-v', 'error', '-ss', from, '-i', file, '-map', '0:v:0', '-f', 'null', '-'], { timeout: 60_000, maxBuffer: 4 << 20 }));
  } catch (err) {
    stderr = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
  }
  const bad = stderr.split('\n').find((l) => DAMAGED.test(l));
  if (bad) throw userError('invalid-input', 'svc.media.badTail', { name: path.basename(file), cause: bad.replace(/^\[[^\]]*\]\s*/, '').trim() });
}

async function looksLikeMp4(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    return ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(head.toString('latin1', 4, 8));
  } finally {
    await handle.close();
  }
}

export function parseProbe(json: unknown): MediaProbe {
  const data = ProbeJson.parse(json);
  // Cover art in an audio file is a "video" stream too; it is a still image, not a picture track.
  const video = data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = data.streams.find((s) => s.codec_type === 'audio');
  const duration = num(data.format?.duration) ?? num(video?.duration) ?? num(audio?.duration) ?? null;
  const rotation = video ? rotationOf(video) : 0;
  const codedWidth = video?.width ?? 0;
  const codedHeight = video?.height ?? 0;
  const sar = ratio(video?.sample_aspect_ratio) ?? 1;
  // Display size: anamorphic pixels stretched to square, then turned by the display matrix.
  const squareWidth = Math.round(codedWidth * (sar > 0 ? sar : 1));
  const turned = Math.abs(rotation) % 180 === 90;
  return {
    container: data.format?.format_name ?? 'unknown',
    durationSec: duration,
    sizeBytes: num(data.format?.size) ?? null,
    bitRate: num(data.format?.bit_rate) ?? null,
    video: video
      ? {
          codec: video.codec_name ?? 'unknown',
          profile: video.profile ?? null,
          codedWidth,
          codedHeight,
          width: turned ? codedHeight : squareWidth,
          height: turned ? squareWidth : codedHeight,
          frameRate: ratio(video.avg_frame_rate) ?? ratio(video.r_frame_rate) ?? null,
          rotation,
        }
      : null,
    audio: audio ? { codec: audio.codec_name ?? 'unknown', sampleRate: num(audio.sample_rate) ?? null, channels: audio.channels ?? null } : null,
  };
}

/** The display matrix (side data) is authoritative; older muxers only wrote a `rotate` tag. */
function rotationOf(stream: { tags?: Record<string, string> | undefined; side_data_list?: { rotation?: number | undefined }[] | undefined }): number {
  const fromMatrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const raw = fromMatrix ?? num(stream.tags?.rotate) ?? 0;
  const normalised = ((Math.round(raw) % 360) + 360) % 360;
  return normalised;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** "30000/1001" → 29.97; "0/0" and "N/A" → undefined. */
function ratio(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const [a, b] = v.split(/[/:]/).map(Number);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || a <= 0 || b <= 0) return undefined;
  return a / b;
}
