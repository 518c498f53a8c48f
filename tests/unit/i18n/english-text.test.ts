import { describe, expect, it } from 'vitest';
import { englishMessages, findEnglish, latinWords, messagePattern, staticParts } from '../../e2e/support/english-text';

describe('the English-text scanner of the language e2e test', () => {
  it('takes the static parts of ICU messages from plural branches and tags, leaving arguments out', () => {
    expect(staticParts('{sections, plural, one {# section} other {# sections}} · {n} left')).toEqual(['section', 'sections', '·', 'left']);
    expect(staticParts("<b>Course</b> — the title. It''s {name}")).toEqual(['Course', "— the title. It's"]);
  });

  it('matches a message as rendered, whatever its arguments, and only as whole words', () => {
    const counts = messagePattern('{sections, plural, one {# section} other {# sections}} · {lectures, plural, one {# lecture} other {# lectures}}')!;
    expect(counts.test('2 sections · 1 lecture')).toBe(true);
    expect(counts.test('섹션 2개 · 강의 1개')).toBe(false);
    const left = messagePattern('about {n} min left')!;
    expect(left.test('Uploading — about 3 min left')).toBe(true);
    expect(messagePattern('Save')!.test('Saved')).toBe(false);
    expect(messagePattern('Save')!.test('Save')).toBe(true);
    expect(messagePattern('Links must start with https://')!.test('Links must   start with https://')).toBe(true);
  });

  it('has nothing to look for in a message of arguments and proper names only', () => {
    expect(messagePattern('{label} (Ctrl+{shortcut})')).toBeNull();
    expect(messagePattern('English')).toBeNull();
    expect(messagePattern('{title}')).toBeNull();
  });

  it('skips messages the other catalog keeps unchanged', () => {
    const keys = englishMessages({ a: 'Lectern {version}', b: 'Save', c: 'Open {title}' }, { a: 'Lectern {version}', b: '저장', c: '{title} 열기' }).map((m) => m.key);
    expect(keys.sort()).toEqual(['b', 'c']);
  });

  it('finds Latin words that are not names, units, URLs, paths, file names, versions or fixture strings', () => {
    expect(latinWords('스튜디오 (Ctrl+1) · Lectern 1.0.0-test-host · 12.5 MB/s · HLS')).toEqual([]);
    expect(latinWords('데이터: /tmp/lectern-e2e/data · https://example.com/hub/ · 강의 1.mp4 · C:\\Users\\me')).toEqual([]);
    expect(latinWords('버킷 lectern-i18n-1a2b', { fixtures: ['lectern-i18n-1a2b'] })).toEqual([]);
    expect(latinWords('Lectern의 Save 버튼, Add hub')).toEqual(['Save', 'Add', 'hub']);
    expect(latinWords("Don't")).toEqual(["Don't"]);
    expect(latinWords('en, ko, pt-BR 같은 코드 · 굵게 (Ctrl+I) · 음소거 (M) · 접두사 courses/')).toEqual([]);
    expect(latinWords('Mute (M) · SECTION 1 · v2 · 1.0.0-test-host')).toEqual(['Mute', 'SECTION']);
  });

  it('reports an English message by its key and a stray word by itself, once per text', () => {
    const messages = englishMessages({ 'x.open': 'Open {title}' }, { 'x.open': '{title} 열기' });
    const found = findEnglish(
      [
        { source: 'text', text: 'Open 데이터 분석 입문' },
        { source: 'text', text: 'Open 데이터 분석 입문' },
        { source: 'aria-label of <button>', text: 'Dismiss this message' },
        { source: 'text', text: '데이터 분석 입문 열기' },
      ],
      messages,
    );
    expect(found).toEqual([
      { source: 'text', text: 'Open 데이터 분석 입문', key: 'x.open' },
      { source: 'aria-label of <button>', text: 'Dismiss this message', words: ['Dismiss', 'this', 'message'] },
    ]);
  });

  it('names a key only for a text that is that whole message, not for a sentence that contains its word', () => {
    const messages = englishMessages({ 'courses.nav': 'Courses', 'hub.forget': 'Lectern forgets {name}.' }, { 'courses.nav': '강좌', 'hub.forget': 'Lectern이 {name}을(를) 잊습니다.' });
    expect(findEnglish([{ source: 'text', text: 'Courses already on the hub stay there.' }], messages)).toEqual([
      { source: 'text', text: 'Courses already on the hub stay there.', words: ['Courses', 'already', 'on', 'the', 'hub', 'stay', 'there'] },
    ]);
    expect(findEnglish([{ source: 'text', text: 'Lectern forgets 강의 허브.' }], messages)).toEqual([{ source: 'text', text: 'Lectern forgets 강의 허브.', key: 'hub.forget' }]);
  });
});
