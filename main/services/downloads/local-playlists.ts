import type { AudioRendition, Variant } from '../hls/master-playlist';
import type { LocalRendition } from './plan';

const AUDIO_GROUP = 'audio';

/**
 * The playlists the offline player loads, rebuilt by Lectern rather than copied from the hub, so they
 * contain only what Lectern wrote: relative URIs to the media route (`files/<n>`, `key`), one
 * `#EXT-X-KEY` with that segment's IV before each encrypted segment, and nothing from the hub but
 * numbers and values already checked against a plain character set.
 */
export function buildLocalPlaylists(variant: Variant, audio: AudioRendition | null, renditions: LocalRendition[], ivs: ReadonlyMap<number, Buffer>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of renditions) out.set(r.name, mediaPlaylist(r, ivs));
  const hasAudio = renditions.some((r) => r.name === 'audio');
  const inf = [`BANDWIDTH=${variant.bandwidth}`];
  if (variant.width !== null && variant.height !== null) inf.push(`RESOLUTION=${variant.width}x${variant.height}`);
  if (variant.codecs !== null) inf.push(`CODECS="${variant.codecs}"`);
  if (variant.frameRate !== null) inf.push(`FRAME-RATE=${variant.frameRate}`);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  if (hasAudio) {
    const lang = audio?.language ? `,LANGUAGE="${audio.language}"` : '';
    lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${AUDIO_GROUP}",NAME="${audio?.name ?? 'audio'}"${lang},DEFAULT=YES,AUTOSELECT=YES,URI="audio.m3u8"`);
    inf.push(`AUDIO="${AUDIO_GROUP}"`);
  }
  lines.push(`#EXT-X-STREAM-INF:${inf.join(',')}`, 'video.m3u8', '');
  out.set('master', lines.join('\n'));
  return out;
}

function mediaPlaylist(r: LocalRendition, ivs: ReadonlyMap<number, Buffer>): string {
  const lines = [
    '#EXTM3U',
    // Version 3: decimal EXTINF; 2 would do for IV, and fMP4 init sections need 6.
    `#EXT-X-VERSION:${r.mapIndex !== null ? Math.max(6, r.version) : Math.max(3, r.version)}`,
    `#EXT-X-TARGETDURATION:${r.targetDuration}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ];
  // The init section comes before any key, so it is read in the clear (it is stored in the clear).
  if (r.mapIndex !== null) lines.push(`#EXT-X-MAP:URI="files/${r.mapIndex}"`);
  for (const s of r.segments) {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    const iv = ivs.get(s.index);
    if (!iv) throw new Error(`No IV was generated for file ${s.index}.`);
    lines.push(`#EXT-X-KEY:METHOD=AES-128,URI="key",IV=0x${iv.toString('hex')}`, `#EXTINF:${s.duration.toFixed(6)},`, `files/${s.index}`);
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
