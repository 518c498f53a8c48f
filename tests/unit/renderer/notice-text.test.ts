import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageKey } from '../../../renderer/src/i18n/catalogs';
// The drafts actions import the renderer's IPC module, typed by the preload's global `window.lectern`.
import type {} from '../../../renderer/src/lectern';
import { translate } from '../../../renderer/src/i18n/format';
import { message, sameText, textIn } from '../../../renderer/src/state/message-text';

// The stores call main through `call`; here main refuses everything, as when it is gone.
vi.mock('../../../renderer/src/ipc', () => ({
  call: vi.fn(() => Promise.reject(new Error('main is gone'))),
}));

const { useNotices } = await import('../../../renderer/src/state/notices-store');
const { deleteSection, moveLecture, undoLastDelete } = await import('../../../renderer/src/state/drafts-actions');
const { refreshCourses } = await import('../../../renderer/src/state/refresh');
const { useUndo } = await import('../../../renderer/src/state/undo-store');

const inLocale = (locale: string) => (key: MessageKey, values?: Record<string, string | number>) => translate(key, values, locale);
const en = inLocale('en');
const ko = inLocale('ko');

describe('texts kept in stores', () => {
  it('are drawn in the language active when drawn, English as it was written before', () => {
    const lead = message('autosave.saveFailed.courseTitle', { title: 'Linear Algebra' });
    expect(textIn(en, lead)).toBe("Couldn't save the title of “Linear Algebra”.");
    expect(textIn(ko, lead)).toBe('“Linear Algebra”의 제목을 저장하지 못했습니다.');
  });

  it('pass a plain string (an area not translated yet) through unchanged', () => {
    expect(textIn(ko, "Couldn't check ffmpeg.")).toBe("Couldn't check ffmpeg.");
  });

  it('are the same when key and values are, whatever the object', () => {
    expect(sameText(message('notice.retry'), { key: 'notice.retry', values: {} })).toBe(true);
    expect(sameText(message('notice.undoDeleteFailed', { title: 'A' }), message('notice.undoDeleteFailed', { title: 'B' }))).toBe(false);
    expect(sameText('Retry', message('notice.retry'))).toBe(false);
    expect(sameText('', '')).toBe(true);
  });
});

describe('notices from the drafts actions', () => {
  beforeEach(() => useNotices.setState({ notices: [] }));
  afterEach(() => useUndo.getState().clear());

  it('store a key and its values, not English, so a language switch redraws them', async () => {
    await deleteSection('s1');
    const [notice] = useNotices.getState().notices;
    expect(notice?.message).toEqual({ key: 'notice.deleteSectionFailed' });
    expect(textIn(en, notice!.message)).toBe("Couldn't delete the section.");
    expect(textIn(ko, notice!.message)).toBe('섹션을 삭제하지 못했습니다.');
  });

  it('name what could not be undone in both languages', async () => {
    useUndo.getState().offer({ kind: 'lecture', title: '안녕하세요 여러분', undoToken: 't1' });
    await undoLastDelete();
    const notice = useNotices.getState().notices.at(-1)!;
    expect(textIn(en, notice.message)).toBe("Couldn't undo the delete of “안녕하세요 여러분”.");
    expect(textIn(ko, notice.message)).toBe('“안녕하세요 여러분” 삭제를 되돌리지 못했습니다.');
  });

  it('show a repeated failure once', async () => {
    await moveLecture('l1', 's1', 0);
    await moveLecture('l1', 's1', 1);
    expect(useNotices.getState().notices.filter((n) => sameText(n.message, message('notice.moveLectureFailed')))).toHaveLength(1);
  });

  it('offer Retry on a failed load, in the active language', async () => {
    await refreshCourses();
    const notice = useNotices.getState().notices.at(-1)!;
    expect(textIn(en, notice.message)).toBe("Couldn't load your courses.");
    expect(textIn(ko, notice.action!.label)).toBe('다시 시도');
  });
});
