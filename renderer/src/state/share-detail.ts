import type { CourseDetail, Lecture, SectionWithLectures } from '../../../main/contract/types';

/**
 * A course from main (a refetch after `drafts.changed`, a move's answer) is a whole new tree, though
 * usually one lecture changed. Keeping the previous object for every lecture and section whose fields
 * are unchanged lets the memoised outline rows skip re-rendering: an autosave costs one row, not the
 * whole outline. Whatever differs is taken from `next`, so the result always equals `next`.
 */
export function shareDetail(prev: CourseDetail | null, next: CourseDetail | null): CourseDetail | null {
  if (!prev || !next || prev.id !== next.id) return next;
  const oldSections = new Map(prev.sections.map((s) => [s.id, s]));
  const oldLectures = new Map<string, Lecture>();
  for (const s of prev.sections) for (const l of s.lectures) oldLectures.set(l.id, l);
  const sections = next.sections.map((s) => shareSection(oldSections.get(s.id), s, oldLectures));
  const sameSections = sections.length === prev.sections.length && sections.every((s, i) => s === prev.sections[i]);
  // The cover is an object too: the same picture keeps the previous one, so the course stays unchanged.
  const sameCover = prev.cover && next.cover && prev.cover.sha256 === next.cover.sha256 && prev.cover.updatedAt === next.cover.updatedAt;
  const merged = { ...next, sections: sameSections ? prev.sections : sections, ...(sameCover ? { cover: prev.cover } : {}) };
  return sameFields(prev, merged) ? prev : merged;
}

function shareSection(prev: SectionWithLectures | undefined, next: SectionWithLectures, oldLectures: Map<string, Lecture>): SectionWithLectures {
  const lectures = next.lectures.map((l) => {
    const old = oldLectures.get(l.id);
    return old && sameFields(old, l) ? old : l;
  });
  if (!prev) return { ...next, lectures };
  const sameLectures = lectures.length === prev.lectures.length && lectures.every((l, i) => l === prev.lectures[i]);
  const merged = { ...next, lectures: sameLectures ? prev.lectures : lectures };
  return sameFields(prev, merged) ? prev : merged;
}

/** Shallow: nested arrays count as equal only when they are the same array. */
function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}
