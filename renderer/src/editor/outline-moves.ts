import type { CourseDetail, SectionWithLectures } from '../../../main/contract/types';

/** Pure reorderings of a course outline, applied locally before main confirms (optimistic UI). */

export function moveSection(detail: CourseDetail, sectionId: string, toIndex: number): CourseDetail {
  const rest = detail.sections.filter((s) => s.id !== sectionId);
  const moving = detail.sections.find((s) => s.id === sectionId);
  if (!moving) return detail;
  rest.splice(clamp(toIndex, 0, rest.length), 0, moving);
  return { ...detail, sections: rest.map((s, i) => ({ ...s, position: i })) };
}

export function moveLecture(detail: CourseDetail, lectureId: string, toSectionId: string, toIndex: number): CourseDetail {
  return { ...detail, sections: moveLectureIn(detail.sections, lectureId, toSectionId, toIndex) };
}

export function moveLectureIn(sections: SectionWithLectures[], lectureId: string, toSectionId: string, toIndex: number): SectionWithLectures[] {
  const moving = sections.flatMap((s) => s.lectures).find((l) => l.id === lectureId);
  if (!moving) return sections;
  return sections.map((s) => {
    const lectures = s.lectures.filter((l) => l.id !== lectureId);
    if (s.id === toSectionId) lectures.splice(clamp(toIndex, 0, lectures.length), 0, { ...moving, sectionId: s.id });
    if (lectures.length === s.lectures.length && s.id !== toSectionId) return s;
    return { ...s, lectures: lectures.map((l, i) => ({ ...l, position: i })) };
  });
}

export interface LecturePlace {
  sectionId: string;
  index: number;
}

export function placeOfLecture(sections: SectionWithLectures[], lectureId: string): LecturePlace | null {
  for (const s of sections) {
    const index = s.lectures.findIndex((l) => l.id === lectureId);
    if (index >= 0) return { sectionId: s.id, index };
  }
  return null;
}

/**
 * One step up or down for the keyboard and the arrow buttons. At the edge of a section a lecture
 * steps into the neighbouring section (end of the previous one, start of the next one), so every
 * position is reachable without a mouse.
 */
export function lectureStep(sections: SectionWithLectures[], lectureId: string, direction: -1 | 1): LecturePlace | null {
  const from = placeOfLecture(sections, lectureId);
  if (!from) return null;
  const sectionIndex = sections.findIndex((s) => s.id === from.sectionId);
  const section = sections[sectionIndex]!;
  const to = from.index + direction;
  if (to >= 0 && to < section.lectures.length) return { sectionId: section.id, index: to };
  const neighbour = sections[sectionIndex + direction];
  if (!neighbour) return null;
  return { sectionId: neighbour.id, index: direction < 0 ? neighbour.lectures.length : 0 };
}

export function sectionStep(sections: SectionWithLectures[], sectionId: string, direction: -1 | 1): number | null {
  const index = sections.findIndex((s) => s.id === sectionId);
  const to = index + direction;
  return index < 0 || to < 0 || to >= sections.length ? null : to;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
