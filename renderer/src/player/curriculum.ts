import type { CourseSection, DownloadItem } from '../../../main/contract/domains/library';
import type { LectureProgress } from '../../../main/contract/domains/playback';
import { translate } from '../i18n/format';

/** How much of a lecture the student has watched, from the local progress store. */
export type WatchState = { kind: 'unwatched' } | { kind: 'partial'; percent: number } | { kind: 'watched' };

/** Whether a lecture is on this computer: a completed copy plays; one still arriving plays as it arrives. */
export type CopyState = { kind: 'none' } | { kind: 'downloaded'; downloadId: string } | { kind: 'downloading'; downloadId: string; percent: number } | { kind: 'failed' };

export interface CurriculumLecture {
  id: string;
  title: string;
  durationSec: number | null;
  watch: WatchState;
  copy: CopyState;
}

export interface CurriculumSection {
  /** Stable React key: the section's id, or its position when the hub gave none. */
  key: string;
  title: string;
  lectures: CurriculumLecture[];
}

/** The outline a curriculum is built from: the course's published sections, or only what is downloaded. */
export interface Outline {
  sections: { key: string; title: string; lectures: { id: string; title: string; durationSec: number | null }[] }[];
}

export function outlineFromCourse(sections: CourseSection[]): Outline {
  return {
    sections: sections.map((s, i) => ({ key: s.id ?? `section-${i}`, title: s.titleText ? translate(s.titleText.key, s.titleText.values) : s.title, lectures: s.lectures.map((l) => ({ id: l.id, title: l.title, durationSec: l.durationSec })) })),
  };
}

/**
 * Without the course's manifest (its hub was removed, or it cannot be read), the curriculum is the
 * course's downloads in the order they were added: still enough to move between lectures.
 */
export function outlineFromDownloads(downloads: DownloadItem[], hubBase: string, courseId: string, title = translate('player.curriculum.downloadedLectures')): Outline {
  const seen = new Set<string>();
  const lectures: Outline['sections'][number]['lectures'] = [];
  for (const d of downloads) {
    if (d.hubBase !== hubBase || d.courseId !== courseId || seen.has(d.lectureId)) continue;
    seen.add(d.lectureId);
    lectures.push({ id: d.lectureId, title: d.title, durationSec: null });
  }
  return { sections: [{ key: 'downloaded', title, lectures }] };
}

export function watchState(p: LectureProgress | undefined): WatchState {
  if (!p) return { kind: 'unwatched' };
  if (p.completed) return { kind: 'watched' };
  if (p.positionSec <= 0 || p.durationSec <= 0) return { kind: 'unwatched' };
  return { kind: 'partial', percent: Math.min(99, Math.max(1, Math.round((p.positionSec / p.durationSec) * 100))) };
}

/**
 * The copy a lecture plays from: its newest completed one (of any course version), else one still
 * downloading or waiting (the player fetches it first); a lecture whose only copies failed says so.
 */
export function copyState(copies: DownloadItem[] | undefined): CopyState {
  if (!copies?.length) return { kind: 'none' };
  const newestFirst = [...copies].sort((a, b) => b.courseVersion - a.courseVersion);
  const done = newestFirst.find((d) => d.state === 'completed');
  if (done) return { kind: 'downloaded', downloadId: done.id };
  const coming = newestFirst.find((d) => d.state !== 'failed');
  if (coming) return { kind: 'downloading', downloadId: coming.id, percent: coming.totalBytes > 0 ? Math.floor((coming.doneBytes / coming.totalBytes) * 100) : 0 };
  return { kind: 'failed' };
}

export function buildCurriculum(outline: Outline, progress: readonly LectureProgress[], downloads: readonly DownloadItem[], hubBase: string, courseId: string): CurriculumSection[] {
  const watched = new Map(progress.map((p) => [p.lectureId, p]));
  const copies = new Map<string, DownloadItem[]>();
  for (const d of downloads) {
    if (d.hubBase !== hubBase || d.courseId !== courseId) continue;
    copies.set(d.lectureId, [...(copies.get(d.lectureId) ?? []), d]);
  }
  return outline.sections.map((s) => ({
    key: s.key,
    title: s.title,
    lectures: s.lectures.map((l) => ({ ...l, watch: watchState(watched.get(l.id)), copy: copyState(copies.get(l.id)) })),
  }));
}

export const playableId = (l: CurriculumLecture): string | null => (l.copy.kind === 'downloaded' || l.copy.kind === 'downloading' ? l.copy.downloadId : null);

/** The playable lectures before and after `lectureId` in curriculum order (lectures not on this computer are skipped). */
export function neighbours(sections: readonly CurriculumSection[], lectureId: string): { previous: CurriculumLecture | null; next: CurriculumLecture | null } {
  const all = sections.flatMap((s) => s.lectures);
  const at = all.findIndex((l) => l.id === lectureId);
  if (at < 0) return { previous: null, next: null };
  const previous = all.slice(0, at).reverse().find((l) => playableId(l)) ?? null;
  const next = all.slice(at + 1).find((l) => playableId(l)) ?? null;
  return { previous, next };
}

/** Two small states (watch or copy) alike field by field. */
function sameState<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

const sameLecture = (a: CurriculumLecture, b: CurriculumLecture): boolean =>
  a.id === b.id && a.title === b.title && a.durationSec === b.durationSec && sameState(a.watch, b.watch) && sameState(a.copy, b.copy);

/**
 * `next` with every lecture and section that did not change replaced by the object it was in `previous`,
 * so memoised rows see the same props: a progress tick or a download's percent re-renders one row, not
 * the whole course. Returns `previous` itself when nothing changed.
 */
export function keepUnchanged(previous: readonly CurriculumSection[] | null, next: CurriculumSection[]): CurriculumSection[] {
  if (!previous) return next;
  const oldLectures = new Map<string, CurriculumLecture>();
  for (const s of previous) for (const l of s.lectures) oldLectures.set(l.id, l);
  const oldSections = new Map(previous.map((s) => [s.key, s]));
  const merged = next.map((s) => {
    const lectures = s.lectures.map((l) => {
      const old = oldLectures.get(l.id);
      return old && sameLecture(old, l) ? old : l;
    });
    const old = oldSections.get(s.key);
    if (old && old.title === s.title && old.lectures.length === lectures.length && old.lectures.every((l, i) => l === lectures[i])) return old;
    return { ...s, lectures };
  });
  const same = merged.length === previous.length && merged.every((s, i) => s === previous[i]);
  return same ? (previous as CurriculumSection[]) : merged;
}
