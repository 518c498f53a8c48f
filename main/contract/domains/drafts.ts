import { z } from 'zod';
import { channel, event, none } from '../define';
import { CoursePatch, Id, LecturePatch, Position, SectionPatch, Title } from '../schemas';
import type { Course, CourseCover, CourseDetail, CourseSummary, DeleteReceipt, Lecture, RestoreReceipt, Section } from '../types';

/** Course drafts: courses, their sections and lectures, and undo of deletes. */
export const draftsChannels = {
  'courses.list': channel<CourseSummary[]>()(none, 'Every course draft, most recently edited first.'),
  'courses.get': channel<CourseDetail>()(z.strictObject({ courseId: Id }), 'One course with its sections and lectures in order.'),
  'courses.create': channel<CourseDetail>()(z.strictObject({ title: Title }), 'Create an empty course draft.'),
  'courses.update': channel<Course>()(
    z.strictObject({ courseId: Id, patch: CoursePatch }),
    'Change course metadata; fields left out stay as they are (autosave sends one field at a time).',
  ),
  'courses.setCover': channel<CourseCover>()(
    z.strictObject({ courseId: Id, filePath: z.string().min(1).max(4096) }),
    "Set or replace a course's cover from a JPEG, PNG or WebP file (at most 20 MiB): checked by its bytes, scaled and cropped to a 1280×720 JPEG and kept in the library.",
  ),
  'courses.removeCover': channel<{ removed: boolean }>()(
    z.strictObject({ courseId: Id }),
    "Remove a course's cover; students then see the first lecture's poster.",
  ),
  'courses.delete': channel<DeleteReceipt>()(
    z.strictObject({ courseId: Id }),
    'Delete a course and everything in it; the receipt undoes it.',
  ),

  'sections.create': channel<Section>()(z.strictObject({ courseId: Id, title: Title }), 'Append a section to a course.'),
  'sections.update': channel<Section>()(z.strictObject({ sectionId: Id, patch: SectionPatch }), 'Rename a section.'),
  'sections.delete': channel<DeleteReceipt>()(z.strictObject({ sectionId: Id }), 'Delete a section and its lectures.'),
  'sections.move': channel<CourseDetail>()(
    z.strictObject({ sectionId: Id, toIndex: Position }),
    'Move a section to a new index within its course (clamped to the end).',
  ),

  'lectures.create': channel<Lecture>()(z.strictObject({ sectionId: Id, title: Title }), 'Append a lecture to a section.'),
  'lectures.update': channel<Lecture>()(z.strictObject({ lectureId: Id, patch: LecturePatch }), 'Change lecture fields.'),
  'lectures.delete': channel<DeleteReceipt>()(z.strictObject({ lectureId: Id }), 'Delete a lecture.'),
  'lectures.move': channel<CourseDetail>()(
    z.strictObject({ lectureId: Id, toSectionId: Id, toIndex: Position }),
    'Move a lecture to an index in a section of the same course (clamped to the end).',
  ),

  'trash.restore': channel<RestoreReceipt>()(
    z.strictObject({ undoToken: z.string().min(1).max(100) }),
    'Undo a delete with the receipt it returned.',
  ),
} as const;

export const draftsEvents = {
  'drafts.changed': event<{ courseId: string }>('A course, or something inside it, was created, edited, moved or deleted.'),
} as const;
