import type { CoursePage, CourseSection, DownloadItem, DownloadPlanView, LibraryHub, StorageView } from '../../contract/domains/library';
import type { CatalogService } from '../catalog/catalog-service';
import { coverPathOf } from '../catalog/course-card';
import type { ReadOnlyHubCredentials } from '../../contract/domains/hub-schemas';
import type { DownloadManager, DownloadSummary, QualityChoice, QualityOption } from '../downloads/download-manager';
import type { ManifestLecture } from '../downloads/manifest';
import type { Logger } from '../log/logger';
import { nothingToDownload, reasonOf, type RefusedLecture } from './refusals';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

export type QualityRequest = 'best' | 'fits' | number | Several;
/** Several qualities in one download: a list of maximum heights, or every quality. */
export type Several = number[] | 'all';

interface CourseRef {
  hubId: string;
  courseId: string;
  lectureId?: string | undefined;
}

const PLANS_IN_FLIGHT = 4;

/**
 * What the library UI and the CLI ask for, joining the catalog (what the hub publishes) with the
 * download manager (what is on this machine): course pages with download states, planning a lecture or
 * a whole course against the free space, starting and updating downloads.
 */
export class LibraryService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly downloads: DownloadManager,
    private readonly log?: Logger,
  ) {}

  async coursePage(hubId: string, courseId: string): Promise<CoursePage> {
    const hub = this.catalog.hub(hubId);
    const course = await this.catalog.course(hubId, courseId);
    const m = course.manifest;
    const mine = this.downloads.list().filter((d) => d.hubBase === hub.baseUrl && d.courseId === courseId);
    // One pass over this course's downloads, so a long course does not scan them once per lecture.
    const newestOf = new Map<string, (typeof mine)[number]>();
    const current = new Set<string>();
    for (const d of mine) {
      const seen = newestOf.get(d.lectureId);
      if (!seen || d.courseVersion > seen.courseVersion) newestOf.set(d.lectureId, d);
      if (d.courseVersion === m.version) current.add(d.lectureId);
    }
    const newest = (lectureId: string) => newestOf.get(lectureId) ?? null;
    const lectureView = (l: ManifestLecture) => {
      const d = newest(l.id);
      return {
        id: l.id,
        title: l.title,
        summary: l.summary ?? '',
        durationSec: l.durationSec ?? null,
        freePreview: l.freePreview ?? false,
        hasMedia: Boolean(l.media),
        qualities: (l.media?.renditions ?? []).map((r) => ({ name: r.name, height: r.height, bytes: r.bytes })).sort((a, b) => b.height - a.height),
        previewPath: l.freePreview && l.media ? `/stream/${hubId}/${courseId}/${l.id}/${l.media.master}` : null,
        download: d ? this.item(d, m.title) : null,
      };
    };
    const outdated = mine.filter((d) => d.courseVersion < m.version && !current.has(d.lectureId));
    return {
      hubId,
      hubBase: hub.baseUrl,
      courseId,
      version: m.version,
      title: m.title,
      subtitle: m.subtitle ?? '',
      description: m.description ?? '',
      language: m.language ?? null,
      tags: m.tags ?? [],
      publishedAt: m.publishedAt ?? course.entry.publishedAt ?? null,
      fetchedAt: course.fetchedAt,
      posterPath: posterOf(hubId, courseId, m.lectures),
      coverPath: coverPathOf(hubId, courseId, m.cover, m.lectures),
      sections: sectionsOf(m.sections ?? [], m.lectures).map((s) => ({ ...s, lectures: s.lectures.map(lectureView) })),
      update: outdated.length > 0 ? { from: Math.min(...outdated.map((d) => d.courseVersion)), to: m.version } : null,
    };
  }

  /**
   * Sizes every lecture to download at each quality, then applies the requested quality to all of them.
   * For several qualities each lecture is planned with exactly that choice, so audio the renditions
   * share is counted once, as it will be stored.
   */
  async plan(ref: CourseRef, quality: QualityRequest): Promise<DownloadPlanView> {
    const { hub, course, wanted, skipped } = await this.lecturesToDownload(ref);
    const several = isSeveral(quality) ? quality : null;
    // A lecture the hub serves badly is left out with its reason; the rest of the course still plans.
    const refused: RefusedLecture[] = [];
    const planned = await mapLimited(wanted, PLANS_IN_FLIGHT, async (l) => {
      const req = { hubBaseUrl: hub.baseUrl, manifestPath: course.manifestPath, lectureId: l.id, title: l.title, quality: several ? choiceOf(several) : { kind: 'highest' as const } };
      try {
        return { lecture: l, plan: await this.downloads.plan(req) };
      } catch (err) {
        if (ref.lectureId !== undefined) throw err;
        refused.push({ lectureId: l.id, title: l.title, reason: reasonOf(err, l.title) });
        return null;
      }
    });
    const plans = planned.filter((p): p is NonNullable<typeof p> => p !== null);
    // Plans finish in any order; list refusals in the course's order.
    refused.sort((a, b) => wanted.findIndex((l) => l.id === a.lectureId) - wanted.findIndex((l) => l.id === b.lectureId));
    if (plans.length === 0 && refused.length > 0) throw nothingToDownload(course.manifest.title, refused);
    skipped.push(...refused.map((r) => ({ ...r, reason: `refused: ${r.reason}`, reasonText: { key: 'svc.library.skipRefused', values: { cause: r.reason } } as const })));
    const spareBytes = await this.downloads.spareBytes();
    const pickAll = (height: number | null) => plans.map((o) => ({ lecture: o.lecture, option: pick(o.plan.options, height) }));
    const total = (picked: ReturnType<typeof pickAll>) => picked.reduce((n, p) => n + p.option.bytes, 0);
    const heights = [...new Set(plans.flatMap((o) => o.plan.options.flatMap((x) => (x.height === null ? [] : [x.height]))))].sort((a, b) => b - a);
    const options = heights.map((h) => ({ height: h, label: `${h}p`, bytes: total(pickAll(h)) }));
    let height: number | null = typeof quality === 'number' ? quality : null;
    // `options` already holds each height's total, best first.
    if (quality === 'fits') height = options.find((o) => o.bytes <= spareBytes)?.height ?? heights[heights.length - 1] ?? null;
    const items = several
      ? plans.map((o) => ({ lectureId: o.lecture.id, title: o.lecture.title, quality: o.plan.quality, bytes: o.plan.totalBytes }))
      : pickAll(height).map((p) => ({ lectureId: p.lecture.id, title: p.lecture.title, quality: p.option.quality, bytes: p.option.bytes }));
    const totalBytes = items.reduce((n, i) => n + i.bytes, 0);
    return { courseTitle: course.manifest.title, items, skipped, totalBytes, spareBytes, fits: totalBytes <= spareBytes, height, heights: several, options };
  }

  /**
   * Records and starts a download per lecture; lectures whose download of this version was interrupted
   * (paused, failed, or stopped by a closed app or a killed CLI) are resumed instead. `selection` is a
   * maximum height (null: the best) or several qualities to keep. With `wait`, resolves once they all
   * finished.
   */
  async start(ref: CourseRef, selection: number | null | Several, wait = false): Promise<DownloadItem[]> {
    const { hub, course, wanted, unfinished } = await this.lecturesToDownload(ref);
    if (wanted.length === 0 && unfinished.length === 0) throw userError('conflict', 'svc.library.allDownloaded', { title: course.manifest.title });
    const quality: QualityChoice = isSeveral(selection) ? choiceOf(selection) : selection === null ? { kind: 'highest' } : { kind: 'height', height: selection };
    const ids = unfinished.map((d) => d.id);
    const refused: RefusedLecture[] = [];
    for (const l of wanted) {
      try {
        ids.push((await this.downloads.add({ hubBaseUrl: hub.baseUrl, manifestPath: course.manifestPath, lectureId: l.id, title: l.title, quality })).id);
      } catch (err) {
        // One refused lecture must not hold back the others; a single-lecture download still fails loudly.
        if (ref.lectureId !== undefined) throw err;
        refused.push({ lectureId: l.id, title: l.title, reason: reasonOf(err, l.title) });
        this.log?.log('warn', 'lecture refused in a course download', { courseId: ref.courseId, lectureId: l.id, reason: reasonOf(err, l.title) });
      }
    }
    if (ids.length === 0) throw nothingToDownload(course.manifest.title, refused);
    await this.run(ids, wait);
    return ids.map((id) => this.item(this.downloads.get(id)));
  }

  /**
   * Downloads the current version of each lecture downloaded from an older one, at the same quality.
   * The old copy is removed only when its replacement completes (see `replaceOlder`).
   */
  async update(hubId: string, courseId: string, wait = false): Promise<DownloadItem[]> {
    const hub = this.catalog.hub(hubId);
    await this.catalog.refresh(hubId);
    const course = await this.catalog.course(hubId, courseId);
    const version = course.manifest.version;
    const mine = this.downloads.list().filter((d) => d.hubBase === hub.baseUrl && d.courseId === courseId);
    const stale = mine.filter((d) => d.courseVersion < version && !mine.some((n) => n.lectureId === d.lectureId && n.courseVersion === version));
    const published = new Set(course.manifest.lectures.filter((l) => l.media).map((l) => l.id));
    const added: DownloadSummary[] = [];
    for (const d of stale) {
      if (!published.has(d.lectureId)) continue;
      // The stored label names every quality kept ('720p' or '720p, 360p'): the update keeps the same ones.
      const heights = [...d.quality.matchAll(/\b(\d{1,4})p\b/g)].map((m) => Number(m[1]));
      const quality: QualityChoice = heights.length > 1 ? { kind: 'heights', heights } : heights[0] ? { kind: 'height', height: heights[0] } : { kind: 'highest' };
      added.push(await this.downloads.add({ hubBaseUrl: hub.baseUrl, manifestPath: course.manifestPath, lectureId: d.lectureId, quality }));
    }
    if (added.length === 0) throw userError('conflict', 'svc.library.upToDate', { title: course.manifest.title, version: String(version) });
    await this.run(added.map((d) => d.id), wait);
    return added.map((d) => this.item(this.downloads.get(d.id)));
  }

  /** Called when a download completes: older copies of the same lecture have been replaced. */
  async replaceOlder(id: string): Promise<string[]> {
    const done = this.downloads.get(id);
    const older = this.downloads
      .list()
      .filter((d) => d.hubBase === done.hubBase && d.courseId === done.courseId && d.lectureId === done.lectureId && d.courseVersion < done.courseVersion);
    for (const d of older) await this.downloads.remove(d.id);
    return older.map((d) => d.id);
  }

  /**
   * Replaces a hub's read-only credentials (checked against its catalog first), then retries the
   * downloads from that hub that had failed: most likely they failed on the old key.
   */
  async updateHubCredentials(hubId: string, credentials: ReadOnlyHubCredentials | null): Promise<LibraryHub> {
    const hub = await this.catalog.updateHubCredentials(hubId, credentials);
    const failed = this.downloads.list().filter((d) => d.hubBase === hub.baseUrl && d.state === 'failed');
    for (const d of failed) void this.resume(d.id);
    if (failed.length > 0) this.log?.log('info', 'retrying failed downloads after a credentials update', { hubId, downloads: failed.length });
    return hub;
  }

  resume(id: string, wait = false): Promise<void> {
    const run = this.downloads.start(id);
    if (wait) return run;
    run.catch((err: unknown) => this.log?.log('error', 'download stopped', { id, error: String(err) }));
    return Promise.resolve();
  }

  list(): DownloadItem[] {
    // One title lookup (a cached manifest parse) per course, not per lecture.
    const titles = new Map<string, string | undefined>();
    return this.downloads.list().map((d) => {
      const course = `${d.hubBase}\n${d.courseId}`;
      if (!titles.has(course)) titles.set(course, this.catalog.titleOf(d.hubBase, d.courseId) ?? undefined);
      return this.item(d, titles.get(course));
    });
  }

  item(d: DownloadSummary, courseTitle?: string): DownloadItem {
    return { ...d, courseTitle: courseTitle ?? this.catalog.titleOf(d.hubBase, d.courseId) ?? d.courseId, playlistPath: `/media/${d.id}/master.m3u8` };
  }

  async storage(libraryDir: string): Promise<StorageView> {
    const downloads = this.list();
    const sizes = await Promise.all(downloads.map((d) => this.downloads.bytesOnDisk(d.id)));
    return { libraryDir, usedBytes: sizes.reduce((a, b) => a + b, 0), spareBytes: await this.downloads.spareBytes(), downloads };
  }

  private async run(ids: string[], wait: boolean): Promise<void> {
    if (wait) {
      for (const id of ids) await this.downloads.start(id);
      return;
    }
    for (const id of ids) void this.resume(id);
  }

  private async lecturesToDownload(ref: CourseRef) {
    const hub = this.catalog.hub(ref.hubId);
    const course = await this.catalog.course(ref.hubId, ref.courseId);
    const m = course.manifest;
    const chosen = ref.lectureId === undefined ? m.lectures : m.lectures.filter((l) => l.id === ref.lectureId);
    if (ref.lectureId !== undefined && chosen.length === 0) throw userError('not-found', 'svc.library.lectureNotInCourse', { lectureId: ref.lectureId, title: m.title });
    const have = new Map(
      this.downloads
        .list()
        .filter((d) => d.hubBase === hub.baseUrl && d.courseId === m.courseId && d.courseVersion === m.version)
        .map((d) => [d.lectureId, d]),
    );
    const skipped: DownloadPlanView['skipped'] = [];
    const wanted: ManifestLecture[] = [];
    const unfinished: DownloadSummary[] = [];
    for (const l of chosen) {
      const existing = have.get(l.id);
      if (!l.media) skipped.push(skip(l, 'noVideo'));
      else if (existing?.state === 'completed') skipped.push(skip(l, 'downloaded'));
      else if (existing) {
        skipped.push(skip(l, 'started'));
        unfinished.push(existing);
      } else wanted.push(l);
    }
    if (ref.lectureId !== undefined && wanted.length === 0 && unfinished.length === 0) {
      throw userError('conflict', 'svc.library.cannotDownload', { title: chosen[0]?.title ?? '', reason: skipped[0]?.reasonText?.values?.reason ?? 'noVideo' });
    }
    return { hub, course, wanted, skipped, unfinished };
  }
}

function posterOf(hubId: string, courseId: string, lectures: readonly ManifestLecture[]): string | null {
  const withPoster = lectures.find((l) => l.poster);
  return withPoster ? `/poster/${hubId}/${courseId}/${withPoster.id}` : null;
}

type SkipReason = 'noVideo' | 'downloaded' | 'started';

/** A lecture left out of a plan: the English reason for logs and the CLI, the message for the UI. */
function skip(l: ManifestLecture, reason: SkipReason): DownloadPlanView['skipped'][number] {
  const reasonText = { key: 'svc.library.skipReason', values: { reason } } as const;
  return { lectureId: l.id, title: l.title, reason: formatText(reasonText), reasonText };
}

const isSeveral = (q: QualityRequest | null): q is Several => q === 'all' || Array.isArray(q);
const choiceOf = (several: Several): QualityChoice => (several === 'all' ? { kind: 'all' } : { kind: 'heights', heights: several });

/** The best option at most `height` tall (or the best of all for null; the smallest when none is that small). */
function pick(options: readonly QualityOption[], height: number | null): QualityOption {
  const best = options[0];
  if (!best) throw userError('unavailable', 'svc.library.noQuality');
  if (height === null) return best;
  return options.find((o) => (o.height ?? 0) <= height) ?? (options[options.length - 1] as QualityOption);
}

/** Manifest sections in order, then the lectures no section names (the hub format's rule). */
function sectionsOf(sections: readonly { id: string; title: string; lectureIds: string[] }[], lectures: readonly ManifestLecture[]) {
  const byId = new Map(lectures.map((l) => [l.id, l]));
  const placed = new Set<string>();
  const out: (Omit<CourseSection, 'lectures'> & { lectures: ManifestLecture[] })[] = [];
  for (const s of sections) {
    const ls = s.lectureIds.flatMap((id) => {
      const l = byId.get(id);
      if (!l || placed.has(id)) return [];
      placed.add(id);
      return [l];
    });
    out.push({ id: s.id, title: s.title, lectures: ls });
  }
  const rest = lectures.filter((l) => !placed.has(l.id));
  // The hub names no section for these: Lectern does, in the UI's language (titleText).
  const more = sections.length > 0;
  if (rest.length > 0) out.push({ id: null, title: more ? 'More lectures' : 'Lectures', titleText: { key: more ? 'svc.library.moreLectures' : 'svc.library.lectures' }, lectures: rest });
  return out;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
    }),
  );
  return out;
}
