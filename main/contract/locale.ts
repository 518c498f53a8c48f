// Pure, so the renderer (its UI) and the Electron layer (native dialogs) resolve the language the same way.

/** What the user chose in Settings: a language, or whatever the operating system prefers. */
export type LanguageSetting = 'system' | string;

/** The first of `candidates` (BCP 47 tags such as "ko-KR") whose language Lectern ships, compared by base language. */
export function matchLocale(candidates: readonly string[], supported: readonly string[]): string | null {
  for (const tag of candidates) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base && supported.includes(base)) return base;
  }
  return null;
}

/**
 * Setting → the OS's preferred languages (Electron's list, or the browser's when the host has none) → English.
 * A saved language Lectern no longer ships falls through to the system, not to an empty screen.
 */
export function resolveLocale(setting: LanguageSetting, system: readonly string[], browser: readonly string[], supported: readonly string[]): string {
  if (setting !== 'system' && supported.includes(setting)) return setting;
  return matchLocale(system, supported) ?? matchLocale(browser, supported) ?? 'en';
}
