import { z } from 'zod';
import { MAX_CAPTIONS_BYTES } from '../captions/captions-vtt';

/**
 * The part of a hub's course manifest (`courses/<id>/versions/<n>/course.json`) that downloading needs.
 * A hub is untrusted: every string is bounded, sizes are capped, and paths are plain relative keys
 * below the hub base. Descriptions and titles are data only — Lectern never renders them as HTML.
 * Unknown fields are dropped, so a newer hub format that adds fields still parses.
 */

/** One file of a lecture's HLS package; the biggest legitimate segment (10 s of 4K) is tens of MB. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_LECTURE_FILES = 50_000;
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

const HubKey = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/, 'must be a relative path of plain names (no "..", no leading "/", no leading dots)');

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"');
const Text = (max: number) => z.string().max(max);

export const ManifestFile = z.object({
  path: HubKey,
  size: z.number().int().min(0).max(MAX_FILE_BYTES, `is larger than ${MAX_FILE_BYTES} bytes, more than any lecture file Lectern downloads`),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits'),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** One rendition of a lecture's ladder, so a student sees what each quality costs before downloading. */
export const ManifestRendition = z.object({
  name: z.string().regex(/^[a-z0-9]{1,16}$/),
  height: z.number().int().min(1).max(8_640),
  bandwidth: z.number().int().min(1).max(1_000_000_000),
  /** Bytes of this rendition's playlist and segments (shared audio and init files not included). */
  bytes: z.number().int().min(0).max(MAX_FILE_BYTES * MAX_LECTURE_FILES),
});
export type ManifestRendition = z.infer<typeof ManifestRendition>;

/**
 * A lecture's WebVTT captions track (optional; readers before it ignore it). The file is capped far below
 * other files because it is read whole, decrypted into memory and served as text.
 */
export const ManifestCaptions = z.object({
  vtt: ManifestFile.extend({
    path: HubKey.regex(/\.vtt$/, 'must name a .vtt file'),
    size: z.number().int().min(1).max(MAX_CAPTIONS_BYTES, `is larger than ${MAX_CAPTIONS_BYTES} bytes, more than Lectern accepts for captions`),
  }),
  /** BCP 47, e.g. "en" or "pt-BR". */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/, 'must be a language tag such as "en" or "pt-BR"').optional(),
  /** Shown in the player's captions menu; one line of plain text. */
  label: z.string().max(100).regex(/^[^\p{Cc}]*$/u, 'must be one line of text').optional(),
});
export type ManifestCaptions = z.infer<typeof ManifestCaptions>;

/** A course cover is one 1280×720 JPEG of a few hundred KB; this cap only stops a hostile hub. */
export const MAX_COVER_BYTES = 8 * 1024 * 1024;

/** The course's cover image (optional; readers before it ignore it): a JPEG the catalog and course page show. */
export const ManifestCover = ManifestFile.extend({
  path: HubKey.regex(/\.jpe?g$/, 'must name a .jpg file'),
  size: z.number().int().min(1).max(MAX_COVER_BYTES, `is larger than ${MAX_COVER_BYTES} bytes, more than Lectern accepts for a cover`),
});

export const ManifestLecture = z.object({
  id: Id,
  title: Text(500),
  summary: Text(50_000).optional(),
  durationSec: z.number().min(0).max(86_400).optional(),
  /** Free-preview lectures may be streamed from the catalog without downloading. */
  freePreview: z.boolean().optional(),
  /** JPEG poster, storyboard sprite + WebVTT thumbnails track, and the short low-resolution preview clip. */
  poster: ManifestFile.nullable().optional(),
  storyboard: z.object({ vtt: ManifestFile, sprite: ManifestFile }).nullable().optional(),
  previewClip: ManifestFile.nullable().optional(),
  captions: ManifestCaptions.nullable().optional(),
  media: z
    .object({
      /** Hub key of the lecture's HLS master playlist. */
      master: HubKey,
      /** Every file the master and media playlists reference (the playlists themselves included). */
      files: z.array(ManifestFile).min(1).max(MAX_LECTURE_FILES),
      renditions: z.array(ManifestRendition).max(16).optional(),
    })
    .nullable()
    .optional(),
});
export type ManifestLecture = z.infer<typeof ManifestLecture>;

export const ManifestSection = z.object({
  id: Id,
  title: Text(500),
  lectureIds: z.array(Id).max(5_000),
});
export type ManifestSection = z.infer<typeof ManifestSection>;

/**
 * Adds one issue per repeated value: a hub that lists one id twice would otherwise show one lecture on the
 * course page and count two in the download dialog. `where` is the JSON path of each occurrence.
 */
function refuseDuplicates(ctx: z.RefinementCtx, values: { value: string; where: (string | number)[] }[], what: string): void {
  const first = new Map<string, (string | number)[]>();
  for (const { value, where } of values) {
    const seen = first.get(value);
    if (seen) ctx.addIssue({ code: 'custom', path: where, message: `repeats ${what} "${value}" already used at ${seen.join('.')}; each must be unique` });
    else first.set(value, where);
  }
}

export const CourseManifest = z.object({
  /** Format version of this document (docs/HUB-FORMAT.md); absent means 1. */
  schemaVersion: z.literal(1).optional(),
  courseId: Id,
  version: z.number().int().min(1).max(1_000_000),
  title: Text(500),
  subtitle: Text(1_000).optional(),
  description: Text(50_000).optional(),
  language: Text(35).optional(),
  tags: z.array(Text(50)).max(50).optional(),
  publishedAt: z.string().max(40).optional(),
  cover: ManifestCover.optional(),
  /** Sections in order; lectures not named in any section are shown after them. */
  sections: z.array(ManifestSection).max(1_000).optional(),
  lectures: z.array(ManifestLecture).max(5_000),
}).superRefine((m, ctx) => {
  refuseDuplicates(ctx, m.lectures.map((l, i) => ({ value: l.id, where: ['lectures', i, 'id'] })), 'the lecture id');
  const sections = m.sections ?? [];
  refuseDuplicates(ctx, sections.map((s, i) => ({ value: s.id, where: ['sections', i, 'id'] })), 'the section id');
  refuseDuplicates(
    ctx,
    sections.flatMap((s, i) => s.lectureIds.map((id, j) => ({ value: id, where: ['sections', i, 'lectureIds', j] }))),
    'the lecture id (a lecture belongs to one section, once)',
  );
  m.lectures.forEach((l, i) => {
    if (l.media) refuseDuplicates(ctx, l.media.files.map((f, j) => ({ value: f.path, where: ['lectures', i, 'media', 'files', j, 'path'] })), 'the file');
  });
});
export type CourseManifest = z.infer<typeof CourseManifest>;

/** Parses manifest text; the error lists each problem with its JSON path so a hub author can fix it. */
export function parseCourseManifest(text: string, label: string): CourseManifest {
  if (text.length > MAX_MANIFEST_BYTES) throw new Error(`${label} is larger than ${MAX_MANIFEST_BYTES} bytes; Lectern refuses manifests that big.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = CourseManifest.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`);
    throw new Error(`${label} was refused: ${problems.join('; ')}.`);
  }
  return result.data;
}

/** `catalog.json` at the hub base: every published course, for browsing without reading each manifest. */
export const CatalogEntry = z.object({
  id: Id,
  title: Text(500),
  subtitle: Text(1_000).optional(),
  /** The course's tags, so a library can search them without fetching every manifest. */
  tags: z.array(Text(50)).max(50).optional(),
  version: z.number().int().min(1).max(1_000_000),
  /** Hub key of the course's `latest.json`. */
  latest: HubKey,
  lectureCount: z.number().int().min(0).max(5_000).optional(),
  durationSec: z.number().min(0).max(86_400 * 100).optional(),
  publishedAt: z.string().max(40).optional(),
  /** The same cover file as the course's manifest names, so a card shows it before the manifest is read. */
  cover: ManifestCover.optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CatalogDocument = z.object({ courses: z.array(CatalogEntry).max(10_000) }).superRefine((c, ctx) => {
  refuseDuplicates(ctx, c.courses.map((e, i) => ({ value: e.id, where: ['courses', i, 'id'] })), 'the course id');
});
export type CatalogDocument = z.infer<typeof CatalogDocument>;
