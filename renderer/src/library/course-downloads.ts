import type { DownloadItem } from '../../../main/contract/domains/library';

/** A lecture's copies of this course, newest course version first. */
export type LectureCopies = Map<string, DownloadItem[]>;

/**
 * Indexes the live download list by lecture for one course in a single pass, so a page of n lectures
 * looks each one up instead of scanning every download per lecture (n × downloads per render).
 */
export function copiesByLecture(downloads: Record<string, DownloadItem>, hubBase: string, courseId: string): LectureCopies {
  const out: LectureCopies = new Map();
  for (const d of Object.values(downloads)) {
    if (d.hubBase !== hubBase || d.courseId !== courseId) continue;
    const list = out.get(d.lectureId);
    if (list) list.push(d);
    else out.set(d.lectureId, [d]);
  }
  for (const list of out.values()) list.sort((a, b) => b.courseVersion - a.courseVersion);
  return out;
}

/** The copy to show for a lecture: its newest. */
export const newestCopy = (copies: LectureCopies, lectureId: string): DownloadItem | null => copies.get(lectureId)?.[0] ?? null;

/** While an update downloads, the previous version's completed copy is still the one to watch. */
export function olderPlayable(copies: LectureCopies, lectureId: string): DownloadItem | null {
  const [newest, ...older] = copies.get(lectureId) ?? [];
  return newest && newest.state !== 'completed' ? (older.find((d) => d.state === 'completed') ?? null) : null;
}
