import { app } from 'electron';
import { LecternError } from '../contract/errors';
import { resolveLocale } from '../contract/locale';
import { SERVICE_CATALOGS, isServiceText } from '../contract/service-text';
import type { AppSettings } from '../services/settings/app-settings';
import { formatText } from '../services/text/format-text';

const SUPPORTED = Object.keys(SERVICE_CATALOGS);

/**
 * The language native dialogs speak, resolved as the renderer resolves its own: the `ui.language` setting →
 * the OS's preferred languages → English. Without settings (they failed to open) the OS decides.
 */
export function uiLanguage(settings: AppSettings | undefined): string {
  return resolveLocale(settings?.get('ui.language') ?? 'system', app.getPreferredSystemLanguages(), [], SUPPORTED);
}

/** A catalog message, or a thrown value's own sentence (its message id when it carries one), in `language`. */
export function sayIn(language: string, what: unknown): string {
  if (what instanceof LecternError) return what.text ? formatText(what.text, language) : what.message;
  if (what instanceof Error) return what.message;
  if (isServiceText(what)) return formatText(what, language);
  return String(what);
}
