import type { ChannelName, ParsedInputOf, ResultOf } from '../contract/channels';
import type { AppServices } from '../services/app-services';
import type { HostShell } from './host-shell';

/** One function per contract channel; the mapped type makes a missing or mistyped handler a compile error. */
export type Handlers = { [C in ChannelName]: (input: ParsedInputOf<C>) => ResultOf<C> | Promise<ResultOf<C>> };

export function createHandlers(s: AppServices, shell: HostShell): Handlers {
  return {
    'app.info': () => ({ version: s.version, dataDir: s.dataDir, schemaVersion: s.schemaVersion() }),
    'dialog.pickVideoFile': async () => ({ filePath: await shell.pickVideoFile() }),

    'courses.list': () => s.drafts.listCourses(),
    'courses.get': ({ courseId }) => s.drafts.getCourse(courseId),
    'courses.create': ({ title }) => s.drafts.createCourse(title),
    'courses.update': ({ courseId, patch }) => s.drafts.updateCourse(courseId, patch),
    'courses.delete': ({ courseId }) => s.drafts.deleteCourse(courseId),

    'sections.create': ({ courseId, title }) => s.drafts.createSection(courseId, title),
    'sections.update': ({ sectionId, patch }) => s.drafts.updateSection(sectionId, patch),
    'sections.delete': ({ sectionId }) => s.drafts.deleteSection(sectionId),
    'sections.move': ({ sectionId, toIndex }) => s.drafts.moveSection(sectionId, toIndex),

    'lectures.create': ({ sectionId, title }) => s.drafts.createLecture(sectionId, title),
    'lectures.update': ({ lectureId, patch }) => s.drafts.updateLecture(lectureId, patch),
    'lectures.delete': ({ lectureId }) => s.drafts.deleteLecture(lectureId),
    'lectures.move': ({ lectureId, toSectionId, toIndex }) => s.drafts.moveLecture(lectureId, toSectionId, toIndex),

    'updates.state': () => s.updates.state(),
    'updates.check': () => s.updates.check(),
    'updates.download': () => s.updates.download(),
    'updates.install': () => s.updates.install(),

    'media.tools': () => s.media.tools(),
    'media.import': ({ lectureId, filePath }) => s.media.import(lectureId, filePath),
    'media.get': ({ lectureId }) => s.media.get(lectureId),
    'media.build': ({ lectureId, wait }) => s.media.build(lectureId, { wait }),
    'media.cancel': ({ jobId }) => s.media.cancel(jobId),
    'media.jobs': () => s.media.jobs(),

    'trash.restore': ({ undoToken }) => s.drafts.restore(undoToken),
  };
}
