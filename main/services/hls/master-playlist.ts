import { decimalInteger, parseAttributes } from './attributes';
import { DEFAULT_HLS_LIMITS, type HlsLimits } from './limits';
import { playlistLines, splitTag } from './lines';
import { PlaylistError } from './playlist-error';

export interface Variant {
  uri: string;
  bandwidth: number;
  width: number | null;
  height: number | null;
  codecs: string | null;
  frameRate: string | null;
  /** GROUP-ID of the audio renditions this variant plays with, if any. */
  audioGroup: string | null;
}

export interface AudioRendition {
  groupId: string;
  name: string;
  language: string | null;
  isDefault: boolean;
  /** Null when the audio is muxed into the variant's own segments. */
  uri: string | null;
}

export interface MasterPlaylist {
  variants: Variant[];
  audio: AudioRendition[];
}

const SAFE_VALUE = /^[A-Za-z0-9 ._,:()+/-]{0,200}$/;

/**
 * Parses a hub's master playlist: variant streams and audio renditions only. Subtitles, I-frame
 * playlists and session data are not downloaded and so are not read; session keys are refused.
 * Attribute values copied into the local playlist (codecs, names) are checked against a plain
 * character set so nothing can break out of the quotes Lectern writes them in.
 */
export function parseMasterPlaylist(text: string, label: string, limits: HlsLimits = DEFAULT_HLS_LIMITS): MasterPlaylist {
  if (text.length > limits.maxPlaylistBytes || Buffer.byteLength(text) > limits.maxPlaylistBytes) {
    throw new PlaylistError(`${label} is larger than ${limits.maxPlaylistBytes} bytes; Lectern does not download playlists that big.`);
  }
  const lines = playlistLines(text, label);
  const first = lines.next();
  if (first.done || first.value.text !== '#EXTM3U') throw new PlaylistError(`${label} is not an HLS playlist (it must start with #EXTM3U).`);

  const variants: Variant[] = [];
  const audio: AudioRendition[] = [];
  let pending: Omit<Variant, 'uri'> | null = null;

  for (const { number, text: line } of lines) {
    const where = `${label}, line ${number}`;
    if (!line.startsWith('#')) {
      if (pending === null) throw new PlaylistError(`${where}: a URI without a preceding #EXT-X-STREAM-INF.`);
      if (line.length > limits.maxUriLength) throw new PlaylistError(`${where}: URI longer than ${limits.maxUriLength} characters.`);
      if (variants.length >= limits.maxVariants) throw new PlaylistError(`${label} has more than ${limits.maxVariants} variants.`);
      variants.push({ uri: line, ...pending });
      pending = null;
      continue;
    }
    if (!line.startsWith('#EXT')) continue;
    const { name, value } = splitTag(line);
    if (pending !== null) throw new PlaylistError(`${where}: ${name} between #EXT-X-STREAM-INF and its URI.`);
    switch (name) {
      case '#EXTM3U':
        throw new PlaylistError(`${where}: #EXTM3U appears twice.`);
      case '#EXTINF':
      case '#EXT-X-TARGETDURATION':
      case '#EXT-X-ENDLIST':
      case '#EXT-X-MAP':
        throw new PlaylistError(`${where}: ${name} belongs in a media playlist, not a master playlist.`);
      case '#EXT-X-SESSION-KEY':
        throw new PlaylistError(`${where}: encrypted hub content is not supported.`);
      case '#EXT-X-STREAM-INF': {
        const a = parseAttributes(value, where);
        const resolution = a.get('RESOLUTION');
        const size = resolution === undefined ? null : /^(\d{1,5})x(\d{1,5})$/.exec(resolution);
        if (resolution !== undefined && !size) throw new PlaylistError(`${where}: RESOLUTION must look like 1280x720, got "${resolution}".`);
        pending = {
          bandwidth: decimalInteger(a.get('BANDWIDTH'), `${where} BANDWIDTH`),
          width: size ? Number(size[1]) : null,
          height: size ? Number(size[2]) : null,
          codecs: safe(a.get('CODECS'), `${where} CODECS`),
          frameRate: frameRate(a.get('FRAME-RATE'), `${where} FRAME-RATE`),
          audioGroup: safe(a.get('AUDIO'), `${where} AUDIO`),
        };
        break;
      }
      case '#EXT-X-MEDIA': {
        const a = parseAttributes(value, where);
        if (a.get('TYPE') !== 'AUDIO') break;
        if (audio.length >= limits.maxRenditions) throw new PlaylistError(`${label} has more than ${limits.maxRenditions} audio renditions.`);
        const groupId = safe(a.get('GROUP-ID'), `${where} GROUP-ID`);
        const renditionName = safe(a.get('NAME'), `${where} NAME`);
        if (groupId === null || renditionName === null) throw new PlaylistError(`${where}: #EXT-X-MEDIA needs GROUP-ID and NAME.`);
        const uri = a.get('URI') ?? null;
        if (uri !== null && uri.length > limits.maxUriLength) throw new PlaylistError(`${where}: URI longer than ${limits.maxUriLength} characters.`);
        audio.push({ groupId, name: renditionName, language: safe(a.get('LANGUAGE'), `${where} LANGUAGE`), isDefault: a.get('DEFAULT') === 'YES', uri });
        break;
      }
      default:
        break;
    }
  }
  if (pending !== null) throw new PlaylistError(`${label}: the last #EXT-X-STREAM-INF has no URI.`);
  if (variants.length === 0) throw new PlaylistError(`${label} lists no variant streams.`);
  for (const v of variants) {
    if (v.audioGroup !== null && !audio.some((r) => r.groupId === v.audioGroup)) {
      throw new PlaylistError(`${label}: a variant uses audio group "${v.audioGroup}", which the playlist does not define.`);
    }
  }
  return { variants, audio };
}

function safe(value: string | undefined, where: string): string | null {
  if (value === undefined) return null;
  if (!SAFE_VALUE.test(value)) throw new PlaylistError(`${where}: unexpected characters in "${value.slice(0, 40)}".`);
  return value;
}

/** Written back unquoted into the local playlist, so only a plain decimal is accepted. */
function frameRate(value: string | undefined, where: string): string | null {
  if (value === undefined) return null;
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(value)) throw new PlaylistError(`${where}: expected a frame rate like 29.97, got "${value.slice(0, 40)}".`);
  return value;
}
