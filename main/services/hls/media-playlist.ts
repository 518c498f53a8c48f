import { decimalFloat, decimalInteger, parseAttributes } from './attributes';
import { DEFAULT_HLS_LIMITS, type HlsLimits } from './limits';
import { playlistLines, splitTag } from './lines';
import { PlaylistError } from './playlist-error';

export interface MediaSegment {
  /** As written in the playlist; resolve it with `resolveHubUri` before use. */
  uri: string;
  duration: number;
  /** A discontinuity precedes this segment (new encoder settings, etc.). */
  discontinuity: boolean;
}

export interface MediaPlaylist {
  version: number;
  targetDuration: number;
  /** fMP4 initialization section, when the rendition has one. */
  mapUri: string | null;
  segments: MediaSegment[];
}

/** Tags that would change how bytes are fetched or decoded in ways an offline copy does not support. */
const REFUSED: Record<string, string> = {
  '#EXT-X-BYTERANGE': 'byte-range segments are not supported',
  '#EXT-X-STREAM-INF': 'a master playlist tag in a media playlist',
  '#EXT-X-MEDIA': 'a master playlist tag in a media playlist',
  '#EXT-X-I-FRAMES-ONLY': 'I-frame playlists cannot be played offline',
  '#EXT-X-GAP': 'gaps cannot be downloaded',
  '#EXT-X-PART': 'low-latency (live) playlists cannot be downloaded',
  '#EXT-X-PART-INF': 'low-latency (live) playlists cannot be downloaded',
  '#EXT-X-PRELOAD-HINT': 'low-latency (live) playlists cannot be downloaded',
  '#EXT-X-SERVER-CONTROL': 'live playlists cannot be downloaded',
  '#EXT-X-SKIP': 'delta playlists cannot be downloaded',
  '#EXT-X-SESSION-KEY': 'encrypted hub content is not supported',
};

const MAX_SEGMENT_SECONDS = 3600;

/**
 * Parses a VOD media playlist from a hub, which Lectern treats as hostile input: only the tags needed
 * to rebuild a local playlist are read, anything that would change fetching (byte ranges, keys, live
 * updates) is refused, `#EXT-X-ENDLIST` is required (an offline copy must be complete), and the segment
 * count is capped while scanning so a million-line playlist fails at the cap, not after building it.
 */
export function parseMediaPlaylist(text: string, label: string, limits: HlsLimits = DEFAULT_HLS_LIMITS): MediaPlaylist {
  if (text.length > limits.maxPlaylistBytes || Buffer.byteLength(text) > limits.maxPlaylistBytes) {
    throw new PlaylistError(`${label} is larger than ${limits.maxPlaylistBytes} bytes; Lectern does not download playlists that big.`);
  }
  const lines = playlistLines(text, label);
  const first = lines.next();
  if (first.done || first.value.text !== '#EXTM3U') throw new PlaylistError(`${label} is not an HLS playlist (it must start with #EXTM3U).`);

  let version = 1;
  let targetDuration: number | null = null;
  let mapUri: string | null = null;
  let pending: { duration: number; discontinuity: boolean } | null = null;
  let discontinuity = false;
  let ended = false;
  const segments: MediaSegment[] = [];

  for (const { number, text: line } of lines) {
    const where = `${label}, line ${number}`;
    if (ended) throw new PlaylistError(`${where}: content after #EXT-X-ENDLIST.`);
    if (!line.startsWith('#')) {
      if (pending === null) throw new PlaylistError(`${where}: a URI without a preceding #EXTINF.`);
      if (line.length > limits.maxUriLength) throw new PlaylistError(`${where}: URI longer than ${limits.maxUriLength} characters.`);
      if (segments.length >= limits.maxSegments) throw new PlaylistError(`${label} has more than ${limits.maxSegments} segments; Lectern does not download lectures that long.`);
      segments.push({ uri: line, ...pending });
      pending = null;
      continue;
    }
    if (!line.startsWith('#EXT')) continue; // a comment
    const { name, value } = splitTag(line);
    const refused = REFUSED[name];
    if (refused !== undefined) throw new PlaylistError(`${where}: ${name} — ${refused}.`);
    if (pending !== null && name !== '#EXT-X-PROGRAM-DATE-TIME' && name !== '#EXT-X-BITRATE') {
      throw new PlaylistError(`${where}: ${name} between #EXTINF and its URI.`);
    }
    switch (name) {
      case '#EXTM3U':
        throw new PlaylistError(`${where}: #EXTM3U appears twice.`);
      case '#EXT-X-VERSION':
        version = decimalInteger(value, where, 12);
        break;
      case '#EXT-X-TARGETDURATION':
        if (targetDuration !== null) throw new PlaylistError(`${where}: #EXT-X-TARGETDURATION appears twice.`);
        targetDuration = decimalInteger(value, where, MAX_SEGMENT_SECONDS);
        break;
      case '#EXT-X-PLAYLIST-TYPE':
        if (value !== 'VOD' && value !== 'EVENT') throw new PlaylistError(`${where}: playlist type must be VOD or EVENT, got "${value}".`);
        break;
      case '#EXTINF': {
        const comma = value.indexOf(',');
        const duration = decimalFloat(comma < 0 ? value : value.slice(0, comma), where, MAX_SEGMENT_SECONDS);
        pending = { duration, discontinuity };
        discontinuity = false;
        break;
      }
      case '#EXT-X-DISCONTINUITY':
        discontinuity = true;
        break;
      case '#EXT-X-MAP': {
        if (mapUri !== null) throw new PlaylistError(`${where}: more than one #EXT-X-MAP is not supported.`);
        if (segments.length > 0) throw new PlaylistError(`${where}: #EXT-X-MAP after the first segment is not supported.`);
        const attrs = parseAttributes(value, where);
        if (attrs.has('BYTERANGE')) throw new PlaylistError(`${where}: #EXT-X-MAP with BYTERANGE is not supported.`);
        const uri = attrs.get('URI');
        if (!uri) throw new PlaylistError(`${where}: #EXT-X-MAP without a URI.`);
        if (uri.length > limits.maxUriLength) throw new PlaylistError(`${where}: URI longer than ${limits.maxUriLength} characters.`);
        mapUri = uri;
        break;
      }
      case '#EXT-X-KEY': {
        const method = parseAttributes(value, where).get('METHOD');
        if (method !== 'NONE') throw new PlaylistError(`${where}: encrypted hub content (METHOD=${method ?? '?'}) is not supported.`);
        break;
      }
      case '#EXT-X-ENDLIST':
        ended = true;
        break;
      default:
        // MEDIA-SEQUENCE, INDEPENDENT-SEGMENTS, PROGRAM-DATE-TIME and unknown tags do not change which
        // bytes are fetched; the local playlist is rebuilt from what was read above, so they are dropped.
        break;
    }
  }
  if (pending !== null) throw new PlaylistError(`${label}: the last #EXTINF has no URI.`);
  if (!ended) throw new PlaylistError(`${label} has no #EXT-X-ENDLIST: it is live or incomplete, and only finished lectures can be downloaded.`);
  if (targetDuration === null) throw new PlaylistError(`${label} has no #EXT-X-TARGETDURATION.`);
  if (segments.length === 0) throw new PlaylistError(`${label} lists no segments.`);
  return { version, targetDuration, mapUri, segments };
}
