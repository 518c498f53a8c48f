import type { draftsChannels } from '../../contract/domains/drafts';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const draftsHandlers = ({ drafts, media, covers }: AppServices): HandlersFor<typeof draftsChannels> => ({
  'courses.list': () => covers.withCoverPaths(drafts.listCourses()),
  'courses.get': ({ courseId }) => covers.withCover(drafts.getCourse(courseId)),
  'courses.create': ({ title }) => drafts.createCourse(title),
  'courses.update': async ({ courseId, patch }) => {
    const course = drafts.updateCourse(courseId, patch);
    // A new encoding setting makes the course's ladders stale; queue their re-encode now so the next publish waits for it.
    if (patch.encoding !== undefined) await media.reencodeCourse(courseId);
    return course;
  },
  'courses.setCover': ({ courseId, filePath }) => covers.set(courseId, filePath),
  'courses.removeCover': ({ courseId }) => ({ removed: covers.remove(courseId) }),
  'courses.delete': ({ courseId }) => drafts.deleteCourse(courseId),

  'sections.create': ({ courseId, title }) => drafts.createSection(courseId, title),
  'sections.update': ({ sectionId, patch }) => drafts.updateSection(sectionId, patch),
  'sections.delete': ({ sectionId }) => drafts.deleteSection(sectionId),
  'sections.move': ({ sectionId, toIndex }) => drafts.moveSection(sectionId, toIndex),

  'lectures.create': ({ sectionId, title }) => drafts.createLecture(sectionId, title),
  'lectures.update': ({ lectureId, patch }) => drafts.updateLecture(lectureId, patch),
  'lectures.delete': ({ lectureId }) => drafts.deleteLecture(lectureId),
  'lectures.move': ({ lectureId, toSectionId, toIndex }) => drafts.moveLecture(lectureId, toSectionId, toIndex),

  'trash.restore': ({ undoToken }) => drafts.restore(undoToken),
});
