import { describe, expect, it } from 'vitest';
import { canonicalLanguage, COMMON_LANGUAGES, languageChoices, languageLabel } from '../../../renderer/src/media/caption-languages';
import { Language } from '../../../main/contract/schemas';

describe('caption languages', () => {
  it('names a tag in the UI language and in its own, with the code', () => {
    expect(languageLabel('ko')).toBe('Korean (한국어) — ko');
    expect(languageLabel('en')).toBe('English — en');
    expect(languageLabel('pt-BR')).toMatch(/^Brazilian Portuguese \(português \(Brasil\)\) — pt-BR$|^Portuguese \(Brazil\)/);
  });

  it('puts Korean and English first and offers every listed tag once, each valid for the contract', () => {
    const { common, others, current } = languageChoices(null);
    expect(common.slice(0, 2).map((o) => o.code)).toEqual(['ko', 'en']);
    const codes = [...common, ...others].map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(Language.safeParse(code).success, code).toBe(true);
    expect(current).toBeNull();
    expect(common.map((o) => o.code)).toEqual([...COMMON_LANGUAGES]);
  });

  it('keeps a stored tag the list lacks, and matches listed tags whatever their case', () => {
    expect(languageChoices('yue-HK').current).toEqual({ code: 'yue-HK', label: languageLabel('yue-HK') });
    expect(languageChoices('x-klingon').current?.code).toBe('x-klingon');
    expect(languageChoices('PT-br').current).toBeNull();
    expect(canonicalLanguage('PT-br')).toBe('pt-BR');
    expect(canonicalLanguage('tlh')).toBe('tlh');
  });

  it('shows the bare code when Intl cannot read the tag', () => {
    expect(languageLabel('x-klingon')).toBe('x-klingon');
  });
});
