import { afterEach, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { failureCodes } from '../../../main/contract/failures';
import { codeText, failureText } from '../../../main/contract/service-text';
import { formatText } from '../../../main/services/text/format-text';
import { userError } from '../../../main/services/text/user-error';
import { describeError } from '../../../renderer/src/errors/error-text';
import { setActiveLocale } from '../../../renderer/src/i18n/active-locale';

const HANGUL = /[\uac00-\ud7a3]/;

describe('error sentences in English and Korean', () => {
  afterEach(() => setActiveLocale('en'));

  it('says every failure code in both languages, naming the hub, bucket and file when known', () => {
    for (const failure of failureCodes) {
      const text = failureText(failure, { hub: 'Campus', bucket: 'lectures', file: 'talk.mov' });
      const en = formatText(text, 'en');
      const ko = formatText(text, 'ko');
      expect(en, failure).not.toMatch(HANGUL);
      expect(ko, failure).toMatch(HANGUL);
      expect(ko, failure).not.toBe(en);
      if (/hub|server/i.test(en) && en.includes('Campus')) expect(ko, failure).toContain('“Campus”');
    }
    expect(formatText(failureText('bucket-missing', { hub: 'Campus', bucket: 'lectures' }), 'ko')).toBe(
      '“Campus”에 버킷 “lectures”이(가) 없습니다: 버킷을 만들거나 허브 설정에서 버킷 이름을 고치세요.',
    );
    // Unnamed: each language words the missing name its own way.
    expect(formatText(failureText('timeout'), 'en')).toMatch(/^The server is answering too slowly/);
    expect(formatText(failureText('timeout'), 'ko')).toMatch(/^서버의 응답이 너무 느립니다/);
    expect(formatText(failureText('media-unreadable'), 'en')).toMatch(/^This file is not a video/);
    expect(formatText(failureText('media-unreadable'), 'ko')).toMatch(/^이 파일은\(는\)/);
  });

  it('turns an error code into a sentence in the active language', () => {
    const err = new LecternError('internal', 'TypeError: x is undefined');
    expect(describeError(err).sentence).toBe(formatText(codeText('internal'), 'en'));
    setActiveLocale('ko');
    expect(describeError(err).sentence).toBe('Lectern 내부에서 문제가 생겼습니다: 다시 시도하고, 계속 일어나면 설정에서 진단 정보를 내보내세요.');
    expect(describeError(err).details).toBe('TypeError: x is undefined');
  });

  it('says a failure in Korean with the technical text under Details', () => {
    setActiveLocale('ko');
    const err = new LecternError('unavailable', 'connect ECONNREFUSED 127.0.0.1:9', undefined, { failure: 'connection-refused', params: { hub: 'Campus' } });
    const shown = describeError(err);
    expect(shown.sentence).toBe('“Campus”에서 응답이 없습니다: 엔드포인트 주소와 포트, 서버가 실행 중인지 확인한 뒤 다시 시도하세요.');
    expect(shown.details).toContain('ECONNREFUSED');
  });

  it('a service message keeps English in `message` and crosses IPC as an id the UI says in either language', () => {
    const err = userError('conflict', 'error.conflict');
    expect(err.message).toBe('Something else changed this at the same time: refresh and try again.');
    const back = LecternError.fromData(JSON.parse(JSON.stringify(err.toData())) as ReturnType<typeof err.toData>);
    expect(back.text).toEqual({ key: 'error.conflict' });
    expect(describeError(back).sentence).toBe(err.message);
    setActiveLocale('ko');
    expect(describeError(back).sentence).toBe('다른 곳에서 같은 시각에 이 항목을 바꿨습니다: 새로 고친 뒤 다시 시도하세요.');
    expect(describeError(back).details).toBeNull();
  });

  it('falls back to English for a language without a catalog', () => {
    expect(formatText(codeText('forbidden'), 'fr')).toBe(formatText(codeText('forbidden'), 'en'));
  });
});
