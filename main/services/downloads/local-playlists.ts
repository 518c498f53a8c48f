import type { LocalRendition, PlannedAudio, PlannedVariant } from './plan';

/**
 * The playlists the offline player loads, rebuilt by Lectern rather than copied from the hub, so they
 * contain only what Lectern wrote: relative URIs to the media route (`files/<n>`, `key`), one
 * `#EXT-X-KEY` with that segment's IV before each encrypted segment, and nothing from the hub but
 * numbers and values already checked against a plain character set. The master lists every downloaded
 * video rendition, best first, so the player can switch between them; each audio playlist is its own
 * group, named like its playlist.
 */
export function buildLocalPlaylists(variants: readonly PlannedVariant[], audio: readonly PlannedAudio[], renditions: readonly LocalRendition[], ivs: ReadonlyMap<number, Buffer>): Map<string, string> {
  if (variants.length === 0) throw new Error('A download needs at least one video rendition.');
  const out = new Map<string, string>();
  for (const r of renditions) {
    if (r.name === 'master' || out.has(r.name)) throw new Error(`Two local playlists would be named "${r.name}".`);
    out.set(r.name, mediaPlaylist(r, ivs));
  }
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  for (const a of audio) {
    if (!out.has(a.playlist)) throw new Error(`The audio playlist "${a.playlist}" was not planned.`);
    const lang = a.rendition.language ? `,LANGUAGE="${a.rendition.language}"` : '';
    lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${a.playlist}",NAME="${a.rendition.name}"${lang},DEFAULT=YES,AUTOSELECT=YES,URI="${a.playlist}.m3u8"`);
  }
  for (const { variant, playlist, audioPlaylist } of variants) {
    if (!out.has(playlist)) throw new Error(`The video playlist "${playlist}" was not planned.`);
    const inf = [`BANDWIDTH=${variant.bandwidth}`];
    if (variant.width !== null && variant.height !== null) inf.push(`RESOLUTION=${variant.width}x${variant.height}`);
    if (variant.codecs !== null) inf.push(`CODECS="${variant.codecs}"`);
    if (variant.frameRate !== null) inf.push(`FRAME-RATE=${variant.frameRate}`);
    if (audioPlaylist !== null) {
      if (!audio.some((a) => a.playlist === audioPlaylist)) throw new Error(`The audio playlist "${audioPlaylist}" was not planned.`);
      inf.push(`AUDIO="${audioPlaylist}"`);
    }
    lines.push(`#EXT-X-STREAM-INF:${inf.join(',')}`, `${playlist}.m3u8`);
  }
  lines.push('');
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
