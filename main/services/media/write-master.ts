import fs from 'node:fs';
import path from 'node:path';
import type { MediaRendition } from '../../contract/types';
import { avcCodecOfSegment } from './avc-codec';
import { AUDIO_NAME } from './ladder-command';
import type { LadderPlan } from './ladder-plan';
import { MASTER_PLAYLIST } from './media-paths';

export interface Measured {
  peakBps: number;
  averageBps: number;
}

/**
 * Writes master.m3u8 from what was actually encoded: BANDWIDTH is the peak segment bitrate and
 * AVERAGE-BANDWIDTH the mean (video + audio, container overhead included, as RFC 8216 asks), CODECS is
 * read from the encoded stream's sequence parameter set. ffmpeg's own master would also list the audio-only
 * rendition as a variant, which a player may pick as the lowest quality.
 */
export async function writeMasterPlaylist(hlsDir: string, plan: LadderPlan): Promise<MediaRendition[]> {
  const audio = plan.audioKbps ? await measurePlaylist(path.join(hlsDir, AUDIO_NAME)) : null;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio) lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Audio",DEFAULT=YES,AUTOSELECT=YES,URI="${AUDIO_NAME}/index.m3u8"`);
  const renditions: MediaRendition[] = [];
  // Highest first: players that ignore BANDWIDTH start with the first entry.
  for (const rung of plan.rungs) {
    const dir = path.join(hlsDir, rung.name);
    const video = await measurePlaylist(dir);
    const codecs = [await avcCodecOfSegment(path.join(dir, 'seg_00000.ts')), ...(audio ? ['mp4a.40.2'] : [])].join(',');
    const bandwidth = Math.ceil(video.peakBps + (audio?.peakBps ?? 0));
    const average = Math.ceil(video.averageBps + (audio?.averageBps ?? 0));
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},AVERAGE-BANDWIDTH=${average},RESOLUTION=${rung.width}x${rung.height},FRAME-RATE=${plan.fps.toFixed(3)},CODECS="${codecs}"${audio ? ',AUDIO="aud"' : ''}`,
      `${rung.name}/index.m3u8`,
    );
    renditions.push({ name: rung.name, width: rung.width, height: rung.height, bandwidth, playlist: `${rung.name}/index.m3u8` });
  }
  await fs.promises.writeFile(path.join(hlsDir, MASTER_PLAYLIST), `${lines.join('\n')}\n`);
  return renditions;
}

/** Bitrates (bit/s) of one media playlist's segments from their EXTINF durations and file sizes. */
export async function measurePlaylist(dir: string): Promise<Measured> {
  const text = await fs.promises.readFile(path.join(dir, 'index.m3u8'), 'utf8');
  let duration = 0;
  let bytes = 0;
  let peak = 0;
  let pending: number | null = null;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith('#EXTINF:')) pending = Number.parseFloat(line.slice(8));
    else if (line && !line.startsWith('#') && pending !== null) {
      const size = (await fs.promises.stat(path.join(dir, line))).size;
      duration += pending;
      bytes += size;
      // A very short last segment is mostly headers; it would overstate the peak.
      if (pending >= 1) peak = Math.max(peak, (size * 8) / pending);
      pending = null;
    }
  }
  if (duration <= 0) throw new Error(`${path.join(dir, 'index.m3u8')} lists no segments`);
  const averageBps = (bytes * 8) / duration;
  return { peakBps: Math.max(peak, averageBps), averageBps };
}
