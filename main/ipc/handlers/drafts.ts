import type { draftsChannels } from '../../contract/domains/drafts';
import type { AppServices } from '../../services/app-services';
import type { HandlersFor } from './handler-types';

export const draftsHandlers = ({ drafts }: AppServices): HandlersFor<typeof draftsChannels> => ({
  'courses.list': () => drafts.listCourses(),
  'courses.get': ({ courseId }) => drafts.getCourse(courseId),
  'courses.create': ({ title }) => drafts.createCourse(title),
  'courses.update': ({ courseId, patch }) => drafts.updateCourse(courseId, patch),
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
