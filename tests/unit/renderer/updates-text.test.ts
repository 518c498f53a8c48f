import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../main/contract/types';
import { CATALOGS } from '../../../renderer/src/i18n/catalogs';
import { setActiveLocale } from '../../../renderer/src/i18n/active-locale';
import { UpdateBody } from '../../../renderer/src/settings/UpdatesPanel';

function draw(state: UpdateState, locale: string, busyReason: string | null = null): string {
  setActiveLocale(locale);
  const body = createElement(UpdateBody, { state, busyReason, onDownload: () => undefined, onInstall: () => undefined });
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: CATALOGS[locale]!, defaultLocale: 'en' }, body)).replace(/<[^>]*>/g, '');
}

const MB = 1024 * 1024;

describe('the Updates panel follows the updater in the active language', () => {
  afterEach(() => setActiveLocale('en'));

  it('English reads exactly as before the catalog', () => {
    expect(draw({ phase: 'available', version: '2.1.0', size: 80 * MB }, 'en')).toBe('Lectern 2.1.0 is available (80.0 MB).Download');
    expect(draw({ phase: 'available', version: '2.1.0', size: null }, 'en')).toBe('Lectern 2.1.0 is available.Download');
    expect(draw({ phase: 'downloading', version: '2.1.0', percent: 42.5, bytesPerSecond: 512, transferred: 34 * MB, total: 80 * MB }, 'en')).toBe(
      'Downloading Lectern 2.1.0…43% · 34.0 MB of 80.0 MB · 512 B/s',
    );
    expect(draw({ phase: 'up-to-date', version: '2.0.0' }, 'en')).toBe('Lectern is up to date.');
  });

  it('Korean for each phase Lectern words itself', () => {
    expect(draw({ phase: 'idle' }, 'ko')).toBe('아직 확인하지 않았습니다.');
    expect(draw({ phase: 'available', version: '2.1.0', size: 80 * MB }, 'ko')).toBe('Lectern 2.1.0 업데이트를 사용할 수 있습니다(80.0 MB).다운로드');
    expect(draw({ phase: 'downloading', version: '2.1.0', percent: 10, bytesPerSecond: 2 * MB, transferred: 8 * MB, total: 80 * MB }, 'ko')).toBe(
      'Lectern 2.1.0 다운로드 중…10% · 8.0 MB / 80.0 MB · 2.0 MB/s',
    );
    expect(draw({ phase: 'ready', version: '2.1.0' }, 'ko')).toBe('Lectern 2.1.0 다운로드와 검증을 마쳤습니다.다시 시작하여 업데이트');
  });
});
