import { z } from 'zod';
import { channel, event, none } from '../define';
import { Id, Language } from '../schemas';
import { ReadOnlyHubCredentials } from './hub-schemas';
import type { ServiceText } from '../service-text';

/** The student's side: hubs they read from, the catalog, course pages, downloads and storage (issue #5). */

/**
 * Why the last refresh of a hub was refused in a way new credentials fix: the key expired, was refused,
 * is missing from the keychain, or a hub read without credentials now wants some.
 */
export type HubAccessProblem = 'credentials-expired' | 'credentials-refused' | 'credentials-missing' | 'needs-credentials';

export interface LibraryHub {
  id: string;
  name: string;
  baseUrl: string;
  /** 'public': plain GETs (a public bucket or a CDN); 's3-credentials': every request is signed (SigV4) with read-only keys. */
  auth: 'public' | 's3-credentials';
  /** The access key id of a hub read with credentials (never the secret or the session token); null for a public hub. */
  accessKeyId: string | null;
  /** When the session token of such a hub stops working; null when there is none. */
  sessionExpiresAt: number | null;
  /** When the cached catalog was fetched; null before the first successful fetch. */
  fetchedAt: number | null;
  /** The last refresh could not reach the hub (or it served something Lectern refused): the cache is shown. */
  offline: boolean;
  error: string | null;
  /** Set when the last refresh failed for a reason updating the hub's credentials fixes (the UI offers to); null otherwise. */
  accessProblem: HubAccessProblem | null;
  courseCount: number;
}

export interface CatalogCourse {
  hubId: string;
  courseId: string;
  title: string;
  subtitle: string;
  tags: string[];
  version: number;
  lectureCount: number | null;
  durationSec: number | null;
  publishedAt: string | null;
  /** The course's cover, else its first lecture's poster, served (checked) through the app origin; null for neither. */
  coverPath: string | null;
  downloadedLectures: number;
  /** A lecture of this course is downloaded from an older version than the one the hub publishes. */
  updateAvailable: boolean;
}

export interface CatalogView {
  hubs: LibraryHub[];
  /** Sorted by title; at most the `limit` asked for. */
  courses: CatalogCourse[];
  /** How many courses match the query in all (may exceed `courses.length`). */
  total: number;
  /**
   * Present just after a start, while the cached catalog is still being read into memory: the query ran
   * over `searched` of `total` courses only. Listing again after `catalog.refresh` covers them all.
   */
  loading?: CatalogLoading;
}

export interface CatalogLoading {
  searched: number;
  total: number;
}

export type DownloadState = 'queued' | 'downloading' | 'paused' | 'completed' | 'failed';

export interface DownloadItem {
  id: string;
  hubBase: string;
  courseId: string;
  courseTitle: string;
  courseVersion: number;
  lectureId: string;
  title: string;
  quality: string;
  state: DownloadState;
  /** The last error or retry notice in English (logs, the English CLI); null when there is none. */
  error: string | null;
  /** The same as a message id and values, when Lectern worded it (the UI says it in the user's language). */
  errorText?: ServiceText;
  totalBytes: number;
  doneBytes: number;
  filesTotal: number;
  filesDone: number;
  /** The offline player's master playlist on the app origin. */
  playlistPath: string;
}

export interface QualitySize {
  name: string;
  height: number;
  bytes: number;
}

export interface CourseLecture {
  id: string;
  title: string;
  /** Author text (rich-text HTML from an untrusted hub): the renderer sanitizes it before showing it. */
  summary: string;
  durationSec: number | null;
  freePreview: boolean;
  hasMedia: boolean;
  qualities: QualitySize[];
  /** A free-preview lecture's master playlist streamed through the app origin (no download); null otherwise. */
  previewPath: string | null;
  /** The newest download of this lecture, if any (possibly of an older course version). */
  download: DownloadItem | null;
}

export interface CourseSection {
  id: string | null;
  title: string;
  /** Set for the section Lectern names itself (id null): its title as a message in the UI's language. */
  titleText?: ServiceText;
  lectures: CourseLecture[];
}

export interface CoursePage {
  hubId: string;
  hubBase: string;
  courseId: string;
  version: number;
  title: string;
  subtitle: string;
  /** Author text (rich-text HTML from an untrusted hub): the renderer sanitizes it before showing it. */
  description: string;
  language: string | null;
  tags: string[];
  publishedAt: string | null;
  fetchedAt: number;
  /** The first lecture's poster, fetched from the hub and checked through the app origin; null if none. */
  posterPath: string | null;
  /** The course's cover, else the first lecture's poster (`posterPath`); null for neither. */
  coverPath: string | null;
  sections: CourseSection[];
  /** Downloaded lectures come from version `from`; the hub publishes `to`. */
  update: { from: number; to: number } | null;
}

/** One quality a download can keep, with what it costs over every lecture planned (shared audio included). */
export interface QualityChoiceView {
  height: number;
  label: string;
  bytes: number;
}

export interface DownloadPlanView {
  courseTitle: string;
  items: { lectureId: string; title: string; quality: string; bytes: number }[];
  /** Lectures left out: no published video, or already downloaded from this version. */
  skipped: { lectureId: string; title: string; reason: string; reasonText: ServiceText }[];
  totalBytes: number;
  /** Free space on the library's disk beyond the head-room Lectern keeps. */
  spareBytes: number;
  fits: boolean;
  /** The quality chosen, as a maximum height to pass to `downloads.start`; null means the best. */
  height: number | null;
  /**
   * Several qualities to keep (pass to `downloads.start` as `heights`), so the player can switch between
   * them; null when one quality was asked for. `totalBytes` counts audio they share once.
   */
  heights: number[] | 'all' | null;
  /** Every quality the planned lectures offer, best first, with its size: what the student can tick. */
  options: QualityChoiceView[];
}

export interface StorageView {
  libraryDir: string;
  usedBytes: number;
  spareBytes: number;
  downloads: DownloadItem[];
}

export interface DownloadProgress {
  id: string;
  doneBytes: number;
  totalBytes: number;
  filesDone: number;
  filesTotal: number;
}

/** The UI language a list is ordered for (a BCP 47 tag such as "ko" or "en-US"). */
const Locale = Language;
const HubBaseUrl = z.string().trim().min(1, 'Enter the hub address').max(2048, 'The hub address is too long');
const CourseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a course id from the catalog');
const LectureId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a lecture id from the course');
const DownloadId = z.string().regex(/^[a-f0-9]{32}$/, 'must be a download id issued by Lectern');
const Height = z.number().int().min(1).max(8_640);
/** Several qualities in one download: each height keeps the best rendition at most that tall; 'all' keeps every one. */
const Heights = z.union([z.literal('all'), z.array(Height).min(1, 'choose at least one quality').max(16, 'choose at most 16 qualities')]);
/**
 * 'best': the highest quality; 'fits': the highest that fits the free space; a number: at most that
 * height; a list of heights or 'all': several qualities the player can switch between.
 */
const QualityRequest = z.union([z.literal('best'), z.literal('fits'), Height, Heights]);
const CourseRef = { hubId: Id, courseId: CourseId, lectureId: LectureId.optional() };
const ById = z.strictObject({ downloadId: DownloadId });

export const libraryChannels = {
  'library.hubs': channel<LibraryHub[]>()(none, 'The hubs the student reads courses from.'),
  'library.addHub': channel<LibraryHub>()(
    z.strictObject({ baseUrl: HubBaseUrl, name: z.string().trim().max(200).optional(), credentials: ReadOnlyHubCredentials.optional() }),
    'Add a hub by its public (or CDN) base URL, or a private bucket with read-only S3 credentials (kept in the keychain); its catalog is fetched and checked before it is added.',
  ),
  'library.updateHubCredentials': channel<LibraryHub>()(
    z.strictObject({ hubId: Id, credentials: ReadOnlyHubCredentials.nullable() }),
    "Replace a hub's read-only credentials (null: read it without any). The catalog is fetched with the new ones first; if the hub refuses them the old ones stay.",
  ),
  'library.removeHub': channel<LibraryHub[]>()(z.strictObject({ hubId: Id }), 'Forget a hub, its cached catalog and its credentials; downloads stay.'),

  'catalog.list': channel<CatalogView>()(
    z.strictObject({ query: z.string().max(200).optional(), limit: z.number().int().min(1).max(100_000).optional(), complete: z.boolean().optional(), locale: Locale.optional() }),
    'The cached catalog of every hub, filtered by title, subtitle and tags (substrings, any script), sorted by title in the order of `locale` (the UI language); at most `limit` courses, with the number of matches as `total`. Never touches the network. Just after a start it answers at once from the courses read so far (`loading` says how many); with `complete` it waits until every cached course is read.',
  ),
  'catalog.refresh': channel<CatalogView>()(
    z.strictObject({ hubId: Id.optional(), firstPageOnly: z.boolean().optional(), limit: z.number().int().min(1).max(100_000).optional(), locale: Locale.optional() }),
    'Revalidate catalogs (an unchanged one costs a 304), fetch pages not cached yet (only the first with firstPageOnly) and changed course manifests; an unreachable hub is marked offline and its cache kept. Returns the list as catalog.list with no query.',
  ),
  'catalog.course': channel<CoursePage>()(z.strictObject({ hubId: Id, courseId: CourseId }), 'A course page from the cached manifest (fetched if not cached yet).'),

  'downloads.plan': channel<DownloadPlanView>()(
    z.strictObject({ ...CourseRef, quality: QualityRequest }),
    'What downloading a lecture (or the whole course) at a quality would take, and the free space, for confirmation.',
  ),
  'downloads.start': channel<DownloadItem[]>()(
    z.strictObject({ ...CourseRef, height: Height.nullable(), heights: Heights.optional(), wait: z.boolean().optional() }),
    'Download a lecture or every lecture of a course (at most `height`, or the best; `heights` keeps several qualities instead); with wait, resolve when done.',
  ),
  'downloads.update': channel<DownloadItem[]>()(
    z.strictObject({ hubId: Id, courseId: CourseId, wait: z.boolean().optional() }),
    "Download the hub's newer version of every downloaded lecture; the old copies stay playable until the new ones complete.",
  ),
  'downloads.list': channel<DownloadItem[]>()(none, 'Every download, oldest first.'),
  'downloads.pause': channel<DownloadItem>()(ById, 'Stop fetching; what is verified stays.'),
  'downloads.resume': channel<DownloadItem>()(ById, 'Continue a paused or failed download.'),
  'downloads.prioritize': channel<DownloadItem>()(ById, 'Download this one next: ahead of every other download, starting it now if others are waiting behind it.'),
  'downloads.remove': channel<DownloadItem[]>()(ById, 'Delete a download, its files and its key, freeing the space.'),
  'downloads.verify': channel<{ checked: number; refetch: number }>()(ById, 'Re-read every stored file against the manifest; damaged ones are fetched again.'),
  'library.storage': channel<StorageView>()(none, 'Downloads with their sizes, the space they use and what is left.'),
} as const;

export const libraryEvents = {
  'downloads.progress': event<DownloadProgress>('Bytes and files done of a running download (at most four times a second).'),
  'downloads.state': event<DownloadItem>('A download was queued, started, paused, completed or failed.'),
  'downloads.removed': event<{ id: string }>('A download was removed (by the student, or replaced by its updated copy).'),
} as const;
