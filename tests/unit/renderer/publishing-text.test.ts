import { describe, expect, it } from 'vitest';
import type { PublishRunState } from '../../../main/contract/domains/publishing-types';
import { formatBytes, formatPercent, formatSpeed, formatTimeLeft, translate, TRANSFER } from '../../../renderer/src/i18n/format';
import { CHECK_NAME_KEY, CHECK_OUTCOME_KEY, CHECKS, checkOutcome, RUN_STATE_KEY } from '../../../renderer/src/publishing/run-text';

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

const MB = 1024 * 1024;

describe('progress lines read as before in English, and in Korean', () => {
  it('an upload run', () => {
    const stats = (lang: string) =>
      [
        translate('publishing.run.files', { uploaded: 3, total: 10, skipped: 2 }, lang),
        translate('publishing.run.bytes', { done: formatBytes(3 * MB, TRANSFER, lang), total: formatBytes(10 * MB, TRANSFER, lang) }, lang),
        `${formatSpeed(1.5 * MB, TRANSFER, lang)} ${formatTimeLeft(90, lang)}`,
        translate('publishing.run.limited', { speed: formatSpeed(2 * MB, TRANSFER, lang) }, lang),
      ].join(' · ');
    expect(stats('en')).toBe('3 of 10 files uploaded, 2 already on the hub · 3.0 MB of 10.0 MB · 1.5 MB/s 1 min left · limited to 2.0 MB/s');
    expect(stats('ko')).toBe('파일 10개 중 3개 업로드됨, 2개는 이미 허브에 있음 · 3.0 MB / 10.0 MB · 1.5 MB/s 1분 남음 · 최대 2.0 MB/s');
    expect(translate('publishing.run.progressLabel', { label: translate('publishing.run.label', { course: 'Algebra', hub: 'Campus' }, 'en'), percent: formatPercent(30, 'en') }, 'en')).toBe(
      'Publish of Algebra to Campus: 30%',
    );
    expect(translate('publishing.run.sendingMore', { files: 'a.ts (2 KB)', more: 1 }, 'en')).toBe('Sending a.ts (2 KB) and 1 more');
  });

  it('an update download', () => {
    const line = (lang: string) =>
      translate(
        'updates.downloadStats',
        { percent: formatPercent(42.5, lang), done: formatBytes(34 * MB, TRANSFER, lang), total: formatBytes(80 * MB, TRANSFER, lang), speed: formatSpeed(512, TRANSFER, lang) },
        lang,
      );
    // The old line rounded with Math.round: 42.5 → 43.
    expect(line('en')).toBe('43% · 34.0 MB of 80.0 MB · 512 B/s');
    expect(line('ko')).toBe('43% · 34.0 MB / 80.0 MB · 512 B/s');
  });
});
