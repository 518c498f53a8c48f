import { moveLecture, moveSection } from '../state/drafts-actions';
import { useDrafts } from '../state/drafts-store';
import { keepFocus } from './keep-focus';
import { lectureStep, sectionStep } from './outline-moves';
import { showSection } from './outline-view-store';

/**
 * Alt+Arrow and the arrow buttons. Module functions read the outline from the store when pressed, so
 * rows receive no per-render callbacks and their memoisation holds.
 */
export function stepSection(sectionId: string, direction: -1 | 1): void {
  const sections = useDrafts.getState().detail?.sections ?? [];
  const to = sectionStep(sections, sectionId, direction);
  if (to !== null) keepFocus(() => void moveSection(sectionId, to));
}

export function stepLecture(lectureId: string, direction: -1 | 1): void {
  const sections = useDrafts.getState().detail?.sections ?? [];
  const to = lectureStep(sections, lectureId, direction);
  if (!to) return;
  // The row lands in a section that may not have rendered its lectures yet; focus must find it there.
  showSection(to.sectionId);
  keepFocus(() => void moveLecture(lectureId, to.sectionId, to.index));
}
