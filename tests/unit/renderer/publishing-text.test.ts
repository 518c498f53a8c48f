import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishRun, PublishRunState } from '../../../main/contract/domains/publishing-types';
import { CATALOGS } from '../../../renderer/src/i18n/catalogs';
import { translate } from '../../../renderer/src/i18n/format';
import { setActiveLocale } from '../../../renderer/src/i18n/active-locale';
import { CHECK_NAME_KEY, CHECK_OUTCOME_KEY, CHECKS, checkOutcome, RUN_STATE_KEY } from '../../../renderer/src/publishing/run-text';
import { RunRow } from '../../../renderer/src/publishing/UploadQueue';

const STATES: PublishRunState[] = ['queued', 'running', 'paused', 'failed', 'done', 'cancelled'];

describe('publishing: service states and probe results → catalog keys', () => {
  it('names every run state, each differently, in both languages', () => {
    expect(Object.keys(RUN_STATE_KEY).sort()).toEqual([...STATES].sort());
    for (const lang of ['en', 'ko']) {
      const words = STATES.map((s) => translate(RUN_STATE_KEY[s], undefined, lang));
      expect(new Set(words).size, lang).toBe(STATES.length);
    }
    expect(STATES.map((s) => translate(RUN_STATE_KEY[s], undefined, 'en'))).toEqual(['Waiting', 'Uploading', 'Paused', 'Failed', 'Published', 'Cancelled']);
    expect(translate(RUN_STATE_KEY.running, undefined, 'ko')).toBe('업로드 중');
  });

  it('reduces a probe result to ok / skipped / failed whatever text follows', () => {
    expect(checkOutcome('ok')).toBe('ok');
    expect(checkOutcome('skipped: list failed')).toBe('skipped');
    expect(checkOutcome('access-denied: AccessDenied: Access Denied')).toBe('failed');
    expect(checkOutcome('')).toBe('failed');
    // "ok" as part of a failure text is still a failure.
    expect(checkOutcome('ok but not really')).toBe('failed');
    expect(translate(CHECK_OUTCOME_KEY.ok, undefined, 'en')).toBe('✓ ok');
    expect(translate(CHECK_OUTCOME_KEY.failed, undefined, 'ko')).toBe('✗ 실패');
    expect(CHECKS.map((c) => translate(CHECK_NAME_KEY[c], undefined, 'en'))).toEqual(['list', 'write', 'read', 'delete']);
  });

  it('counts lectures with ICU plurals (Korean has only "other")', () => {
    expect(translate('publishing.lectureCount', { count: 1 }, 'en')).toBe('1 lecture');
    expect(translate('publishing.lectureCount', { count: 3 }, 'en')).toBe('3 lectures');
    expect(translate('publishing.lectureCount', { count: 1 }, 'ko')).toBe('강의 1개');
    expect(translate('publishing.dialog.readyNext', { count: 2, version: 4, current: 3 }, 'en')).toBe(
      'Ready: 2 lectures with finished videos. This becomes version 4 on the hub (now 3).',
    );
  });
});

const run: PublishRun = {
  id: 'run-1',
  courseId: 'c1',
  courseTitle: '데이터 분석',
  hubId: 'h1',
  hubName: 'Campus',
  state: 'running',
  error: null,
  reason: null,
  filesTotal: 12,
  filesDone: 5,
  filesSkipped: 2,
  bytesTotal: 10 * 1024 * 1024,
  bytesDone: 3 * 1024 * 1024,
  bytesPerSecond: 1.5 * 1024 * 1024,
  currentFiles: [
    { path: 'x/720p/seg_1.ts', size: 2048 },
    { path: 'x/720p/seg_2.ts', size: 2048 },
    { path: 'x/720p/seg_3.ts', size: 2048 },
    { path: 'x/720p/seg_4.ts', size: 2048 },
  ],
  waitingFor: null,
  etaSeconds: 90,
  bandwidthLimit: 2 * 1024 * 1024,
  version: 3,
  createdAt: 0,
  updatedAt: 0,
  finishedAt: null,
};

function renderRun(locale: string): string {
  setActiveLocale(locale);
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: CATALOGS[locale]!, defaultLocale: 'en' }, createElement(RunRow, { run })));
}

describe('the upload queue draws a run in the active language', () => {
  afterEach(() => setActiveLocale('en'));

  it('English reads exactly as before the catalog', () => {
    const html = renderRun('en');
    expect(html).toContain(' · version 3');
    expect(html).toContain('>Uploading<');
    expect(html).toContain('3 of 10 files uploaded, 2 already on the hub');
    expect(html).toContain('3.0 MB of 10.0 MB');
    expect(html).toContain('1.5 MB/s 1 min left');
    expect(html).toContain(' · limited to 2.0 MB/s');
    expect(html).toContain('Sending 720p/seg_1.ts (2 KB), 720p/seg_2.ts (2 KB), 720p/seg_3.ts (2 KB) and 1 more');
    expect(html).toContain('aria-label="Publish of 데이터 분석 to Campus: 30%"');
  });

  it('Korean leaves no English words but names and units', () => {
    const html = renderRun('ko');
    expect(html).toContain('업로드 중');
    expect(html).toContain('파일 10개 중 3개 업로드됨, 2개는 이미 허브에 있음');
    expect(html).toContain('1분 남음');
    expect(html).toContain('외 1개');
    const text = html
      .replace(/<[^>]*>/g, ' ')
      .replace(/데이터 분석|Campus|seg_\d\.ts|\b(KB|MB)\b/g, ' ');
    expect(text).not.toMatch(/[A-Za-z]{2,}/);
  });
});
