import { createHash } from 'node:crypto';
import { resolveHubUri } from '../hls/hub-uri';
import { DEFAULT_HLS_LIMITS, type HlsLimits } from '../hls/limits';
import { parseMasterPlaylist, type AudioRendition, type Variant } from '../hls/master-playlist';
import { parseMediaPlaylist } from '../hls/media-playlist';
import { fetchDocumentGuarded, type StallPolicy } from './stall-guard';
import { MAX_MANIFEST_BYTES, parseCourseManifest, type ManifestFile, type ManifestLecture } from './manifest';

/**
 * Which renditions to download. The first three pick one; `heights` and `all` keep several, which the
 * offline player can then switch between (shared audio is still fetched once).
 */
export type QualityChoice =
  | { kind: 'highest' }
  | { kind: 'height'; height: number }
  | { kind: 'fits'; maxBytes: number }
  /** For each height, the best variant at most that tall (the smallest when none is); duplicates collapse. */
  | { kind: 'heights'; heights: number[] }
  | { kind: 'all' };

export interface PlannedFile {
  index: number;
  hubPath: string;
  size: number;
  sha256: string;
  /** fMP4 init sections carry codec setup only and are kept in the clear (see docs/SECURITY.md). */
  encrypted: boolean;
}

export interface LocalRendition {
  /** The local playlist's name, chosen by Lectern: the media route only serves /^[a-z0-9]{1,32}$/. */
  name: string;
  version: number;
  targetDuration: number;
  mapIndex: number | null;
  segments: { index: number; duration: number; discontinuity: boolean }[];
}

/** One video rendition of a download, as the local master playlist lists it. */
export interface PlannedVariant {
  variant: Variant;
  quality: string;
  /** Its local media playlist. */
  playlist: string;
  /** The local audio playlist it plays with (an entry of `audio`), or null for muxed or no audio. */
  audioPlaylist: string | null;
}

export interface PlannedAudio {
  rendition: AudioRendition;
  playlist: string;
}

/** What one quality of a lecture costs on disk (the playlists' files, shared audio included). */
export interface QualityOption {
  quality: string;
  height: number | null;
  bytes: number;
}

export interface DownloadPlan {
  courseId: string;
  courseVersion: number;
  lectureId: string;
  title: string;
  /** The chosen qualities, best first, e.g. `720p` or `720p, 360p`. */
  quality: string;
  /** Best first; the first is what the player starts with. */
  variants: PlannedVariant[];
  audio: PlannedAudio[];
  renditions: LocalRendition[];
  files: PlannedFile[];
  /** Every distinct file once, so audio and segments shared by several renditions count once. */
  totalBytes: number;
  /** Every quality the lecture offers, best first, so a whole course can be fitted to the free space. */
  options: QualityOption[];
  /** The lecture's captions track, one of `files`, or null when it has none. */
  captions: PlannedCaptions | null;
}

export interface PlannedCaptions {
  index: number;
  language: string | null;
  label: string | null;
}

export interface PlanRequest {
  base: URL;
  /** Hub key of the course manifest, e.g. `courses/<id>/versions/<n>/course.json`. */
  manifestPath: string;
  lectureId: string;
  quality: QualityChoice;
}

/**
 * Reads the manifest and the lecture's playlists from the hub and decides exactly which files to fetch.
 * Every document is size-capped and checked against the manifest's sha256 before it is parsed further,
 * every URI must resolve under the hub base and be listed in the manifest, and nothing here touches disk.
 */
export async function planDownload(
  req: PlanRequest,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
  limits: HlsLimits = DEFAULT_HLS_LIMITS,
  stall?: StallPolicy,
): Promise<DownloadPlan> {
  const { base } = req;
  const manifestUrl = resolveHubUri(req.manifestPath, base, base, 'The course manifest path').url;
  const manifestText = (await fetchDocumentGuarded(manifestUrl, base, MAX_MANIFEST_BYTES, 'The course manifest', signal, fetchImpl, stall)).toString('utf8');
  const manifest = parseCourseManifest(manifestText, 'The course manifest');
  const lecture = manifest.lectures.find((l) => l.id === req.lectureId);
  if (!lecture) throw new Error(`Lecture ${req.lectureId} is not in version ${manifest.version} of course "${manifest.title}".`);
  if (!lecture.media) throw new Error(`Lecture "${lecture.title}" has no published video to download.`);

  const listed = new Map<string, ManifestFile>();
  for (const f of lecture.media.files) {
    if (listed.has(f.path)) throw new Error(`The course manifest lists ${f.path} twice for lecture "${lecture.title}".`);
    listed.set(f.path, f);
  }
  const entry = (key: string, where: string): ManifestFile => {
    const f = listed.get(key);
    if (!f) throw new Error(`${where} references ${key}, which the course manifest does not list for lecture "${lecture.title}".`);
    return f;
  };
  const fetchDocument = async (url: URL, key: string): Promise<string> => {
    const f = entry(key, 'The lecture');
    if (f.size > limits.maxPlaylistBytes) throw new Error(`${key} is ${f.size} bytes in the course manifest; Lectern refuses playlists over ${limits.maxPlaylistBytes}.`);
    const body = await fetchDocumentGuarded(url, base, limits.maxPlaylistBytes, key, signal, fetchImpl, stall);
    if (body.byteLength !== f.size || sha256(body) !== f.sha256) throw new Error(`${key} from the hub does not match the course manifest (size or sha256).`);
    return body.toString('utf8');
  };

  const masterRef = resolveHubUri(lecture.media.master, base, base, 'The lecture master playlist');
  const master = parseMasterPlaylist(await fetchDocument(masterRef.url, masterRef.key), masterRef.key, limits);

  const renditionFiles = async (uri: string, name: 'video' | 'audio') => {
    const ref = resolveHubUri(uri, masterRef.url, base, masterRef.key);
    const playlist = parseMediaPlaylist(await fetchDocument(ref.url, ref.key), ref.key, limits);
    const resolve = (u: string) => {
      const r = resolveHubUri(u, ref.url, base, ref.key);
      return entry(r.key, ref.key);
    };
    return { name, key: ref.key, playlist, map: playlist.mapUri === null ? null : resolve(playlist.mapUri), segments: playlist.segments.map((s) => ({ ...s, file: resolve(s.uri) })) };
  };
  type Rendition = Awaited<ReturnType<typeof renditionFiles>>;
  const bytesOf = (r: Rendition) => (r.map?.size ?? 0) + r.segments.reduce((n, s) => n + s.file.size, 0);

  const audioFor = (v: Variant) => {
    if (v.audioGroup === null) return null;
    const group = master.audio.filter((a) => a.groupId === v.audioGroup && a.uri !== null);
    return group.find((a) => a.isDefault) ?? group[0] ?? null;
  };
  const audioCache = new Map<string, Rendition>();
  const candidates = [];
  // ffmpeg lists the audio-only rendition as a variant of its own; a lecture is downloaded with video when it has any.
  const withVideo = master.variants.filter((v) => v.height !== null);
  for (const variant of withVideo.length > 0 ? withVideo : master.variants) {
    const video = await renditionFiles(variant.uri, 'video');
    const audio = audioFor(variant);
    let audioRendition: Rendition | null = null;
    if (audio?.uri) {
      audioRendition = audioCache.get(audio.uri) ?? (await renditionFiles(audio.uri, 'audio'));
      audioCache.set(audio.uri, audioRendition);
    }
    candidates.push({ variant, audio, video, audioRendition, bytes: bytesOf(video) + (audioRendition ? bytesOf(audioRendition) : 0) });
  }
  // Two variants naming the same media playlist would be one rendition listed twice: keep the first.
  const chosen = choose(candidates, req.quality, lecture.title, limits).filter((c, i, all) => all.findIndex((o) => o.video.key === c.video.key) === i);
  const options = rank(candidates).map((c) => ({ quality: qualityLabel(c.variant), height: c.variant.height, bytes: c.bytes }));

  const files: PlannedFile[] = [];
  const indexOf = new Map<string, number>();
  const add = (f: ManifestFile, encrypted: boolean): number => {
    const known = indexOf.get(f.path);
    if (known !== undefined) {
      if (files[known]?.encrypted !== encrypted) throw new Error(`${f.path} is used both as an init section and as a segment.`);
      return known;
    }
    const index = files.length;
    files.push({ index, hubPath: f.path, size: f.size, sha256: f.sha256, encrypted });
    indexOf.set(f.path, index);
    return index;
  };
  const local = (r: Rendition, name: string): LocalRendition => ({
    name,
    version: r.playlist.version,
    targetDuration: r.playlist.targetDuration,
    mapIndex: r.map ? add(r.map, false) : null,
    segments: r.segments.map((s) => ({ index: add(s.file, true), duration: s.duration, discontinuity: s.discontinuity })),
  });
  // Names are Lectern's own: a single rendition keeps the names downloads have always had ('video',
  // 'audio'), several are numbered best first. Audio shared by several variants is one playlist.
  const renditions: LocalRendition[] = [];
  const audio: PlannedAudio[] = [];
  const audioNames = new Map<Rendition, string>();
  const distinctAudio = [...new Set(chosen.flatMap((c) => (c.audioRendition ? [c.audioRendition] : [])))];
  const variants = chosen.map((c, i): PlannedVariant => {
    const playlist = chosen.length === 1 ? 'video' : `video${i}`;
    renditions.push(local(c.video, playlist));
    let audioPlaylist: string | null = null;
    if (c.audioRendition && c.audio) {
      audioPlaylist = audioNames.get(c.audioRendition) ?? (distinctAudio.length === 1 ? 'audio' : `audio${audioNames.size}`);
      if (!audioNames.has(c.audioRendition)) {
        audioNames.set(c.audioRendition, audioPlaylist);
        renditions.push(local(c.audioRendition, audioPlaylist));
        audio.push({ rendition: c.audio, playlist: audioPlaylist });
      }
    }
    return { variant: c.variant, quality: qualityLabel(c.variant), playlist, audioPlaylist };
  });
  const captions = plannedCaptions(lecture.captions, base, add);
  return {
    courseId: manifest.courseId,
    courseVersion: manifest.version,
    lectureId: lecture.id,
    title: lecture.title,
    quality: variants.map((v) => v.quality).join(', '),
    variants,
    audio,
    renditions,
    files,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    options,
    captions,
  };
}

/**
 * Captions are fetched like a segment (size-capped by the manifest schema, sha256-checked, stored encrypted
 * under an app-chosen name); the key must still resolve under the hub base like every other URI.
 */
function plannedCaptions(captions: ManifestLecture['captions'], base: URL, add: (f: ManifestFile, encrypted: boolean) => number): PlannedCaptions | null {
  if (!captions) return null;
  const ref = resolveHubUri(captions.vtt.path, base, base, 'The lecture captions');
  return { index: add({ ...captions.vtt, path: ref.key }, true), language: captions.language ?? null, label: captions.label ?? null };
}

const qualityLabel = (v: Variant) => (v.height !== null ? `${v.height}p` : `${Math.round(v.bandwidth / 1000)} kbit/s`);

/** Best first: by height, then bandwidth. */
const rank = <T extends { variant: Variant }>(candidates: T[]): T[] =>
  [...candidates].sort((a, b) => (b.variant.height ?? 0) - (a.variant.height ?? 0) || b.variant.bandwidth - a.variant.bandwidth);

/** The renditions to download, best first, without duplicates. */
function choose<T extends { variant: Variant; bytes: number }>(candidates: T[], quality: QualityChoice, title: string, limits: HlsLimits): T[] {
  const ranked = rank(candidates);
  const best = ranked[0];
  if (best === undefined) throw new Error(`Lecture "${title}" has no variant to download.`);
  const atMost = (height: number) => ranked.find((c) => (c.variant.height ?? 0) <= height) ?? (ranked[ranked.length - 1] as T);
  switch (quality.kind) {
    case 'highest':
      return [best];
    case 'height':
      return [atMost(quality.height)];
    case 'fits': {
      const fit = ranked.find((c) => c.bytes <= quality.maxBytes);
      if (!fit) {
        const smallest = Math.min(...ranked.map((c) => c.bytes));
        throw new Error(`Even the smallest quality of "${title}" needs ${formatBytes(smallest)}, more than the ${formatBytes(quality.maxBytes)} allowed.`);
      }
      return [fit];
    }
    case 'heights': {
      // The contract bounds the list too; this keeps the planner safe for any caller.
      if (quality.heights.length === 0 || quality.heights.length > limits.maxVariants) {
        throw new Error(`Choose between 1 and ${limits.maxVariants} qualities for "${title}", not ${quality.heights.length}.`);
      }
      const picked = new Set(quality.heights.map(atMost));
      return ranked.filter((c) => picked.has(c));
    }
    case 'all':
      return ranked;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
