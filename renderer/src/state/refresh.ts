import { call } from '../ipc';
import { LecternError } from '../../../main/contract/errors';
import { useDrafts } from './drafts-store';
import type { MessageKey } from '../i18n/catalogs';
import { message } from './message-text';
import { useNotices } from './notices-store';

/**
 * Refetching after `drafts.changed`: at most one request of each kind travels at a time and one more
 * is queued, so a burst of autosaves costs two fetches and answers cannot arrive out of order.
 */
function coalesced(failedLead: MessageKey, run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const go = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((err: unknown) => {
        useNotices.getState().pushError(message(failedLead), err, { action: { label: message('notice.retry'), run: () => void go() } });
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void go();
        }
      });
    return running;
  };
  return go;
}

export const refreshCourses = coalesced('notice.loadCoursesFailed', async () => {
  const startedAt = useDrafts.getState().localVersion;
  const courses = await call('courses.list', {});
  const drafts = useDrafts.getState();
  drafts.setCourses(courses);
  // Only a list fetched after the last local change may decide that the open course is gone.
  const stale = drafts.localVersion !== startedAt;
  if (!stale && (drafts.selectedId === null || !courses.some((c) => c.id === drafts.selectedId))) drafts.select(courses[0]?.id ?? null);
});

export const refreshDetail = coalesced('notice.loadCourseFailed', async () => {
  const { selectedId, localVersion } = useDrafts.getState();
  if (selectedId === null) return;
  try {
    const detail = await call('courses.get', { courseId: selectedId });
    // Overtaken by a local change: fetch again rather than keep what was shown before this fetch,
    // which may predate saves this fetch would have reflected.
    if (!useDrafts.getState().setDetail(detail, localVersion) && useDrafts.getState().selectedId === selectedId) void refreshDetail();
  } catch (err) {
    // Deleted meanwhile (here or from the CLI): the list refresh picks another course.
    if (err instanceof LecternError && err.code === 'not-found') return;
    throw err;
  }
});
