import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../renderer/src/i18n/catalogs';
import { translate } from '../../../renderer/src/i18n/format';
import type { Translate } from '../../../renderer/src/i18n/use-t';
import { ACCESS_PROBLEM_KEY, DOWNLOAD_STATE_KEY } from '../../../renderer/src/library/status-keys';
import { playbackError, playbackErrorKey, playbackErrorMessage } from '../../../renderer/src/player/player-errors';
import { copyText, watchText } from '../../../renderer/src/player/curriculum-text';

const tIn =
  (locale: string): Translate =>
  (key, values) =>
    translate(key, values as Record<string, string | number> | undefined, locale);
const en = tIn('en');
const ko = tIn('ko');

describe('library codes → catalog words', () => {
  it('names every download state in both languages, English as the screens always wrote it', () => {
    expect(Object.fromEntries(Object.entries(DOWNLOAD_STATE_KEY).map(([s, k]) => [s, en(k)]))).toEqual({
      queued: 'Waiting',
      downloading: 'Downloading',
      paused: 'Paused',
      completed: 'Downloaded',
      failed: 'Failed',
    });
    expect(ko(DOWNLOAD_STATE_KEY.downloading)).toBe('다운로드 중');
    for (const key of [...Object.values(DOWNLOAD_STATE_KEY), ...Object.values(ACCESS_PROBLEM_KEY)]) {
      expect(CATALOGS.ko![key], key).toMatch(/\p{Script=Hangul}/u);
    }
  });

  it('words the skip reasons main sends as message ids, in the UI language', () => {
    const reason = (r: string) => ({ key: 'svc.library.skipReason' as const, values: { reason: r } });
    expect(en(reason('downloaded').key, reason('downloaded').values)).toBe('already downloaded');
    expect(ko(reason('downloaded').key, reason('downloaded').values)).toBe('이미 다운로드함');
    expect(ko(reason('noVideo').key, reason('noVideo').values)).toBe('게시된 동영상 없음');
    expect(en(reason('started').key, reason('started').values)).toBe('already started; it resumes where it stopped');
  });
});

describe('player text', () => {
  it('keeps the English playback error table and has it in Korean', () => {
    expect(playbackErrorMessage({ details: 'somethingNew' }, 'en')).toBe('This lecture cannot be played: verify the download in the Library, or download it again.');
    expect(playbackErrorKey({ details: 'manifestLoadError', status: 404 })).toBe('player.error.missing');
    expect(playbackErrorKey({ details: 'manifestLoadError', status: 500 })).toBe('player.error.playlist');
    expect(playbackErrorMessage({ details: 'keyLoadError' }, 'ko')).toMatch(/키체인/);
    expect(playbackError({ details: 'fragLoadError', status: 404 }, 'ko')).toEqual({ sentence: expect.stringMatching(/손상/), details: 'hls.js: fragLoadError, HTTP 404' });
    expect(playbackError({ unsupported: true }, 'en').sentence).toBe('This system cannot play HLS video: update Lectern or your system, then try again.');
  });

  it('says how much was watched and where the copy is, in both languages', () => {
    expect(watchText({ kind: 'partial', percent: 40 }, en)).toBe('40% watched');
    expect(watchText({ kind: 'watched' }, en)).toBe('watched');
    expect(watchText({ kind: 'unwatched' }, en)).toBe('not watched yet');
    expect(watchText({ kind: 'partial', percent: 40 }, ko)).toBe('40% 시청');
    expect(copyText({ kind: 'downloading', downloadId: 'd', percent: 7 }, false, en)).toBe('Downloading 7%');
    expect(copyText({ kind: 'none' }, false, ko)).toBe('다운로드 안 됨');
    expect(copyText({ kind: 'failed' }, true, ko)).toBe('재생 중');
  });

  it('counts lectures with ICU plurals (Korean has only "other")', () => {
    expect(translate('library.lectureCount', { count: 1 }, 'en')).toBe('1 lecture');
    expect(translate('library.lectureCount', { count: 2 }, 'en')).toBe('2 lectures');
    expect(translate('library.lectureCount', { count: 1 }, 'ko')).toBe('강의 1개');
    expect(translate('downloads.dialog.total', { count: 3, size: '84.0 MB', qualities: '720p' }, 'ko')).toBe('강의 3개, 84.0 MB (720p).');
  });
});
