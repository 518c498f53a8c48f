import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../renderer/src/i18n/catalogs';

const en = CATALOGS.en!;

describe('message catalogs', () => {
  it('every language has exactly the English keys, none empty', () => {
    for (const [lang, messages] of Object.entries(CATALOGS)) {
      expect(Object.keys(messages).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages)) expect(text.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it('every message is valid ICU and uses the same placeholders as English', () => {
    const names = (text: string): string[] => [...new Set(argumentNames(parse(text)))].sort();
    for (const [lang, messages] of Object.entries(CATALOGS)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(() => parse(text), `${lang}: ${key}`).not.toThrow();
        // A translation may leave out `cause` (a service error's technical English text, which the UI shows
        // under Details) and an argument English only needs to choose a plural form (Korean has none).
        const source = en[key as keyof typeof en];
        const optional = new Set(['cause', ...selectorsOnly(parse(source))]);
        const own = names(text);
        expect(own, `${lang}: ${key}`).toEqual(names(source).filter((n) => own.includes(n) || !optional.has(n)));
      }
    }
  });

  it('names each language in itself', () => {
    expect(CATALOGS.en!['meta.languageName']).toBe('English');
    expect(CATALOGS.ko!['meta.languageName']).toBe('한국어');
  });
});

/** The arguments a message reads, walking into select/plural branches and tags (whose text is not an argument). */
function argumentNames(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((el): string[] => {
    if (el.type === TYPE.literal || el.type === TYPE.pound) return [];
    if (el.type === TYPE.tag) return argumentNames(el.children);
    const own = [el.value];
    if (el.type === TYPE.select || el.type === TYPE.plural) return [...own, ...Object.values(el.options).flatMap((o) => argumentNames(o.value))];
    return own;
  });
}

/** Arguments that only pick a plural or select branch and are never printed. */
function selectorsOnly(elements: MessageFormatElement[]): string[] {
  const printed = new Set<string>();
  const selectors = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.tag) walk(el.children);
      else if (el.type === TYPE.select || el.type === TYPE.plural) {
        selectors.add(el.value);
        for (const o of Object.values(el.options)) {
          if (el.type === TYPE.plural && o.value.some((c) => c.type === TYPE.pound)) printed.add(el.value);
          walk(o.value);
        }
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) printed.add(el.value);
    }
  };
  walk(elements);
  return [...selectors].filter((n) => !printed.has(n));
}
