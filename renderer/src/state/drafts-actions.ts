import type { LecturePatch } from '../../../main/contract/schemas';
import type { CourseDetail, DeleteReceipt, Lecture } from '../../../main/contract/types';
import { moveLecture as moveLectureLocally, moveSection as moveSectionLocally } from '../editor/outline-moves';
import { call } from '../ipc';
import type { MessageKey } from '../i18n/catalogs';
import { translate } from '../i18n/format';
import { useDrafts } from './drafts-store';
import { message } from './message-text';
import { useNotices } from './notices-store';
import { refreshCourses, refreshDetail } from './refresh';
import { useSaveStatus } from './save-status-store';
import { useUndo } from './undo-store';

/**
 * Everything the editor does to course drafts besides typing (which autosaves field by field).
 * Each action is tracked by the save indicator; failures become a notice, and actions whose caller
 * shows the error inline (adding with a blank title) rethrow.
 */

const track = <T>(work: Promise<T>) => useSaveStatus.getState().track(work);
const notify = (lead: MessageKey, err: unknown, values?: Record<string, string>) => useNotices.getState().pushError(message(lead, values), err);

let creatingCourse: Promise<void> | null = null;

/**
 * One at a time: the button keeps focus while the course is created, and a Space typed in that moment
 * (the start of the title the user is about to type) would press it again and create a second course.
 */
export function createCourse(): Promise<void> {
  creatingCourse ??= createOneCourse().finally(() => {
    creatingCourse = null;
  });
  return creatingCourse;
}

async function createOneCourse(): Promise<void> {
  try {
    // The placeholder title becomes the author's own text, so it is written in the language they work in.
    const course = await track(call('courses.create', { title: translate('editor.untitledCourse') }));
    const drafts = useDrafts.getState();
    drafts.setCourses([summaryOf(course), ...(drafts.courses ?? []).filter((c) => c.id !== course.id)]);
    drafts.select(course.id);
    drafts.setDetail(course);
    drafts.requestTitleFocus(course.id);
  } catch (err) {
    notify('notice.createCourseFailed', err);
  }
}

export async function deleteCourse(courseId: string): Promise<void> {
  try {
    const receipt = await track(call('courses.delete', { courseId }));
    const drafts = useDrafts.getState();
    const remaining = (drafts.courses ?? []).filter((c) => c.id !== courseId);
    drafts.setCourses(remaining);
    drafts.select(remaining[0]?.id ?? null);
    offerUndo(receipt);
  } catch (err) {
    notify('notice.deleteCourseFailed', err);
  }
}

/** Rethrows so the "new section" field can show why (e.g. blank title). */
export async function createSection(courseId: string, title: string): Promise<void> {
  const section = await track(call('sections.create', { courseId, title }));
  useDrafts.getState().applyLocal((d) =>
    d.id !== courseId || d.sections.some((s) => s.id === section.id) ? d : { ...d, sections: [...d.sections, { ...section, lectures: [] }] },
  );
}

export async function deleteSection(sectionId: string): Promise<void> {
  try {
    const receipt = await track(call('sections.delete', { sectionId }));
    useDrafts.getState().applyLocal((d) => ({ ...d, sections: d.sections.filter((s) => s.id !== sectionId) }));
    offerUndo(receipt);
  } catch (err) {
    notify('notice.deleteSectionFailed', err);
  }
}

export async function moveSection(sectionId: string, toIndex: number): Promise<void> {
  useDrafts.getState().applyLocal((d) => moveSectionLocally(d, sectionId, toIndex));
  await settleMove(call('sections.move', { sectionId, toIndex }), useDrafts.getState().localVersion, 'notice.moveSectionFailed');
}

export async function createLecture(sectionId: string, title: string): Promise<void> {
  const lecture = await track(call('lectures.create', { sectionId, title }));
  useDrafts.getState().applyLocal((d) => ({
    ...d,
    sections: d.sections.map((s) => (s.id === sectionId && !s.lectures.some((l) => l.id === lecture.id) ? { ...s, lectures: [...s.lectures, lecture] } : s)),
  }));
}

/** For the instant controls (checkbox, status); text fields go through autosave instead. */
export async function updateLecture(lectureId: string, patch: LecturePatch): Promise<void> {
  const replace = (l: Lecture) => (l.id === lectureId ? { ...l, ...patch } : l);
  useDrafts.getState().applyLocal((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, lectures: s.lectures.map(replace) })) }));
  try {
    await track(call('lectures.update', { lectureId, patch }));
  } catch (err) {
    notify('notice.updateLectureFailed', err);
    void refreshDetail();
  }
}

export async function deleteLecture(lectureId: string): Promise<void> {
  try {
    const receipt = await track(call('lectures.delete', { lectureId }));
    useDrafts.getState().applyLocal((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, lectures: s.lectures.filter((l) => l.id !== lectureId) })) }));
    offerUndo(receipt);
  } catch (err) {
    notify('notice.deleteLectureFailed', err);
  }
}

export async function moveLecture(lectureId: string, toSectionId: string, toIndex: number): Promise<void> {
  useDrafts.getState().applyLocal((d) => moveLectureLocally(d, lectureId, toSectionId, toIndex));
  await settleMove(call('lectures.move', { lectureId, toSectionId, toIndex }), useDrafts.getState().localVersion, 'notice.moveLectureFailed');
}

export async function undoLastDelete(): Promise<void> {
  const undo = useUndo.getState();
  const last = undo.last;
  if (!last) return;
  undo.clear();
  try {
    const restored = await track(call('trash.restore', { undoToken: last.undoToken }));
    // Show what came back, even if the user has since opened another course.
    useDrafts.getState().select(restored.courseId);
    await Promise.all([refreshCourses(), refreshDetail()]);
  } catch (err) {
    notify('notice.undoDeleteFailed', err, { title: last.title });
  }
}

function offerUndo(receipt: DeleteReceipt): void {
  useUndo.getState().offer(receipt);
}

/**
 * Main answers a move with the whole outline; on failure the local guess is replaced by the truth.
 * An answer overtaken by a newer local move is dropped: taking it would put the row back one step
 * while the user is still pressing Alt+Arrow, and the next press would start from there.
 */
async function settleMove(work: Promise<CourseDetail>, localVersion: number, failedLead: MessageKey): Promise<void> {
  try {
    useDrafts.getState().setDetail(await track(work), localVersion);
  } catch (err) {
    notify(failedLead, err);
    await refreshDetail();
  }
}

function summaryOf(c: CourseDetail) {
  return {
    id: c.id,
    title: c.title,
    subtitle: c.subtitle,
    sectionCount: c.sections.length,
    lectureCount: c.sections.reduce((n, s) => n + s.lectures.length, 0),
    updatedAt: c.updatedAt,
    // Only a just-created course is summarised here: it has never been published.
    lastPublishedAt: null,
    unpublishedChanges: false,
  };
}
