import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../renderer/src/i18n/catalogs';
import { resolveLocale } from '../../../renderer/src/i18n/resolve-locale';
import { languagesFromEnv } from '../../../main/ipc/host-shell';

const shipped = ['en', 'ko'];

describe('resolveLocale: setting → OS languages → browser languages → English', () => {
  it('follows the OS by base language', () => {
    expect(resolveLocale('system', ['ko-KR'], [], shipped)).toBe('ko');
    expect(resolveLocale('system', ['en-US', 'ko-KR'], [], shipped)).toBe('en');
    expect(resolveLocale('system', ['fr-FR', 'ko_KR'], [], shipped)).toBe('ko');
  });

  it('falls back to English for a language Lectern does not ship', () => {
    expect(resolveLocale('system', ['fr-FR'], ['de-DE'], shipped)).toBe('en');
    expect(resolveLocale('system', [], [], shipped)).toBe('en');
  });

  it('asks the browser only when the OS says nothing Lectern ships', () => {
    expect(resolveLocale('system', [], ['ko'], shipped)).toBe('ko');
    expect(resolveLocale('system', ['en-GB'], ['ko'], shipped)).toBe('en');
  });

  it('lets a saved setting win, unless that language is gone', () => {
    expect(resolveLocale('en', ['ko-KR'], ['ko'], shipped)).toBe('en');
    expect(resolveLocale('ko', ['en-US'], [], shipped)).toBe('ko');
    expect(resolveLocale('ja', ['ko-KR'], [], shipped)).toBe('ko');
  });

  it('ships English first and Korean', () => {
    expect(LOCALES[0]).toBe('en');
    expect(LOCALES).toContain('ko');
  });
});

describe('languagesFromEnv (the CLI and headless hosts)', () => {
  it('reads LANG and the gettext LANGUAGE list', () => {
    expect(languagesFromEnv({ LANG: 'ko_KR.UTF-8' })).toEqual(['ko-KR']);
    expect(languagesFromEnv({ LANGUAGE: 'ko:en', LANG: 'en_US.UTF-8' })).toEqual(['ko', 'en']);
    expect(languagesFromEnv({ LANG: 'C' })).toEqual([]);
    expect(languagesFromEnv({})).toEqual([]);
  });
});
