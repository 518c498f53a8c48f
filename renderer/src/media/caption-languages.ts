/**
 * The languages offered for captions: BCP-47 tags named in the UI's language and in their own, the
 * ones Lectern's users write in most first. A tag that is not in the list (stored earlier, or typed
 * through the CLI) is still offered, so choosing from the list never loses a value.
 */

/** Shown first, in this order. */
export const COMMON_LANGUAGES = ['ko', 'en', 'ja', 'zh-Hans', 'zh-Hant', 'es', 'fr', 'de', 'vi'] as const;

const OTHER_LANGUAGES = [
  'af', 'am', 'ar', 'az', 'be', 'bg', 'bn', 'bs', 'ca', 'cs', 'cy', 'da', 'el', 'en-GB', 'en-US', 'es-419', 'et', 'eu', 'fa', 'fi',
  'fil', 'fr-CA', 'ga', 'gl', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'ka', 'kk', 'km', 'kn', 'ky', 'lo', 'lt', 'lv',
  'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb', 'ne', 'nl', 'pa', 'pl', 'pt', 'pt-BR', 'pt-PT', 'ro', 'ru', 'si', 'sk', 'sl', 'sq', 'sr',
  'sv', 'sw', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'zh', 'zh-CN', 'zh-TW', 'zu',
] as const;

export interface LanguageOption {
  code: string;
  /** e.g. "Korean (한국어) — ko"; just the code when the runtime cannot name it. */
  label: string;
}

export interface LanguageChoices {
  common: LanguageOption[];
  others: LanguageOption[];
  /** The stored tag when neither list has it (compared case-insensitively); null otherwise. */
  current: LanguageOption | null;
}

function nameOf(code: string, locale: string): string | null {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : null;
  } catch {
    // Not a well-formed tag for Intl (it may still pass the contract's pattern): show the code alone.
    return null;
  }
}

export function languageLabel(code: string, uiLocale = 'en'): string {
  const name = nameOf(code, uiLocale);
  if (!name) return code;
  const own = nameOf(code, code);
  return own && own !== name ? `${name} (${own}) — ${code}` : `${name} — ${code}`;
}

/** The tag as the list spells it, when the list has it under another case ("PT-br" → "pt-BR"). */
export function canonicalLanguage(code: string): string {
  const all: readonly string[] = [...COMMON_LANGUAGES, ...OTHER_LANGUAGES];
  return all.find((c) => c.toLowerCase() === code.toLowerCase()) ?? code;
}

export function languageChoices(stored: string | null, uiLocale = 'en'): LanguageChoices {
  const option = (code: string): LanguageOption => ({ code, label: languageLabel(code, uiLocale) });
  const common = COMMON_LANGUAGES.map(option);
  const others = OTHER_LANGUAGES.map(option).sort((a, b) => a.label.localeCompare(b.label, uiLocale));
  const listed = (code: string) => [...COMMON_LANGUAGES, ...OTHER_LANGUAGES].some((c) => c.toLowerCase() === code.toLowerCase());
  return { common, others, current: stored && !listed(stored) ? option(stored) : null };
}
