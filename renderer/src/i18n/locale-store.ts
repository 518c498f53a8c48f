import { create } from 'zustand';
import { call } from '../ipc';
import { setActiveLocale } from './active-locale';
import { LOCALES } from './catalogs';
import { resolveLocale, type LanguageSetting } from './resolve-locale';

interface LocaleState {
  /** What Settings shows: "system" or a language code. */
  setting: LanguageSetting;
  /** The language the UI is drawn in now. */
  locale: string;
  systemLanguages: readonly string[];
  /** Reads the saved choice from main; until it answers the UI is drawn in the browser's/English default. */
  load(): Promise<void>;
  /** Saves the choice and redraws at once (the provider reads `locale`). */
  choose(setting: LanguageSetting): Promise<void>;
}

const browserLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : navigator.languages);

const resolved = (setting: LanguageSetting, systemLanguages: readonly string[]) => resolveLocale(setting, systemLanguages, browserLanguages(), LOCALES);

export const useLocale = create<LocaleState>((set) => ({
  setting: 'system',
  locale: resolved('system', []),
  systemLanguages: [],
  load: async () => {
    const state = await call('app.language.get', {});
    set({ setting: state.setting, systemLanguages: state.systemLanguages, locale: resolved(state.setting, state.systemLanguages) });
  },
  choose: async (setting) => {
    const state = await call('app.language.set', { setting });
    set({ setting: state.setting, systemLanguages: state.systemLanguages, locale: resolved(state.setting, state.systemLanguages) });
  },
}));

// Formatters outside React read the locale from here.
setActiveLocale(useLocale.getState().locale);
useLocale.subscribe((s) => setActiveLocale(s.locale));
