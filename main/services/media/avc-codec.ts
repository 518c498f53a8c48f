import fs from 'node:fs';

const TS_PACKET = 188;
/** The first keyframe's SPS sits at the start of each segment (the ladder cuts only at keyframes); 256 KiB is ample. */
const READ_BYTES = 256 * 1024;

/**
 * RFC 6381 `avc1.PPCCLL` of an MPEG-TS segment, read from the H.264 sequence parameter set in its first
 * video PES packets. Lectern reads the three bytes itself rather than asking ffprobe: no process per
 * rendition, and no dependence on the ffprobe build (@ffprobe-installer's 2023 linux-x64 ffprobe, which
 * Lectern shipped before, crashes on every MPEG-TS file).
 */
export async function avcCodecOfSegment(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(READ_BYTES);
    const { bytesRead } = await handle.read(buf, 0, READ_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const codec = avcCodecOfTs(head);
  if (!codec) throw new Error(`cannot tell the H.264 profile/level of ${file}: no sequence parameter set in its first ${READ_BYTES / 1024} KiB`);
  return codec;
}

/** The same from bytes already in memory; null when no SPS is found. */
export function avcCodecOfTs(ts: Buffer): string | null {
  const es = videoElementaryStream(ts);
  for (let i = 0; i + 7 <= es.length; i++) {
    // Annex B start code (00 00 01) followed by a NAL header of type 7 (SPS) with the forbidden bit clear.
    if (es[i] !== 0 || es[i + 1] !== 0 || es[i + 2] !== 1) continue;
    const header = es[i + 3]!;
    if ((header & 0x80) !== 0 || (header & 0x1f) !== 7) continue;
    return `avc1.${hex(es[i + 4]!)}${hex(es[i + 5]!)}${hex(es[i + 6]!)}`;
  }
  return null;
}

/**
 * Concatenates the payloads of the TS packets that carry video PES (stream id 0xE0–0xEF), with the PES
 * headers removed. The video PID is learnt from the first PES that starts with a video stream id, so
 * no PAT/PMT parsing is needed.
 */
function videoElementaryStream(ts: Buffer): Buffer {
  const parts: Buffer[] = [];
  let videoPid: number | null = null;
  for (let off = 0; off + TS_PACKET <= ts.length; off += TS_PACKET) {
    if (ts[off] !== 0x47) return Buffer.concat(parts); // lost sync: not a TS file, or a damaged one
    const start = (ts[off + 1]! & 0x40) !== 0;
    const pid = ((ts[off + 1]! & 0x1f) << 8) | ts[off + 2]!;
    const adaptation = (ts[off + 3]! >> 4) & 0x3;
    let p = off + 4;
    if (adaptation === 2) continue; // adaptation field only, no payload
    if (adaptation === 3) p += 1 + ts[p]!;
    const end = off + TS_PACKET;
    if (p >= end) continue;
    if (start && ts[p] === 0 && ts[p + 1] === 0 && ts[p + 2] === 1) {
      const streamId = ts[p + 3]!;
      if (videoPid === null && streamId >= 0xe0 && streamId <= 0xef) videoPid = pid;
      if (pid !== videoPid) continue;
      p += 9 + ts[p + 8]!; // fixed PES header, then its optional fields
    } else if (pid !== videoPid) continue;
    if (p < end) parts.push(ts.subarray(p, end));
  }
  return Buffer.concat(parts);
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
