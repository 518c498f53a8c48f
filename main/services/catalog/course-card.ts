import type { CatalogCourse } from '../../contract/domains/library';
import type { DownloadSummary } from '../downloads/download-store';
import type { CatalogEntry, ManifestFile, ManifestLecture } from '../downloads/manifest';
import type { CachedCourse, HubRow } from './catalog-store';

/** A catalog card: the entry, improved by the cached manifest when there is one, and what is downloaded. */
export function courseCard(hub: HubRow, entry: CatalogEntry, cached: CachedCourse | null, downloads: DownloadSummary[]): CatalogCourse {
  const mine = downloads.filter((d) => d.hubBase === hub.baseUrl && d.courseId === entry.id);
  const m = cached?.manifest;
  return {
    hubId: hub.id,
    courseId: entry.id,
    title: m?.title ?? entry.title,
    subtitle: m?.subtitle ?? entry.subtitle ?? '',
    tags: m?.tags ?? entry.tags ?? [],
    version: entry.version,
    lectureCount: m ? m.lectures.length : (entry.lectureCount ?? null),
    durationSec: m ? m.lectures.reduce((n, l) => n + (l.durationSec ?? 0), 0) : (entry.durationSec ?? null),
    publishedAt: entry.publishedAt ?? m?.publishedAt ?? null,
    coverPath: coverPathOf(hub.id, entry.id, m?.cover ?? entry.cover, m?.lectures ?? []),
    downloadedLectures: new Set(mine.map((d) => d.lectureId)).size,
    updateAvailable: hasOutdated(mine, entry.version),
  };
}

/**
 * The picture a course is shown with on the app origin: its cover, else its first lecture's poster (known
 * once the manifest is cached), else none.
 */
export function coverPathOf(hubId: string, courseId: string, cover: ManifestFile | undefined, lectures: readonly ManifestLecture[]): string | null {
  if (cover) return `/cover/${hubId}/${courseId}`;
  const withPoster = lectures.find((l) => l.poster);
  return withPoster ? `/poster/${hubId}/${courseId}/${withPoster.id}` : null;
}

/** True when some downloaded lecture has no copy (complete or on its way) of `version`. */
export function hasOutdated(downloads: readonly DownloadSummary[], version: number): boolean {
  const current = new Set(downloads.filter((d) => d.courseVersion === version).map((d) => d.lectureId));
  return downloads.some((d) => d.courseVersion < version && !current.has(d.lectureId));
}
