import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { CATALOGS, type MessageKey } from './catalogs';
import { activeLocale } from './active-locale';

/**
 * Every date, time, duration, size, speed and percentage the UI shows, in the active language through
 * `Intl`. English output is byte-identical to what the screens wrote before (tests and users rely on it),
 * hence the plain "KB/MB/GB" units and no digit grouping in sizes. Each function takes the locale last so
 * tests and non-React callers can pass one; components re-render on a language change through App.
 */

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

/** A react-intl instance for code outside components (formatters, stores). */
export function intlFor(locale: string = activeLocale()): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale, defaultLocale: 'en', messages: CATALOGS[locale] ?? CATALOGS.en }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** `t` for plain functions: the message in the active (or given) language. */
export const translate = (key: MessageKey, values?: Record<string, string | number>, locale?: string): string => intlFor(locale).formatMessage({ id: key }, values);

const number = (n: number, digits: number, locale: string) =>
  intlFor(locale).formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

export interface BytesStyle {
  /** Below 1 KB, say "512 B" instead of rounding up to "1 KB" (transfers, where small files matter). */
  exactBytes?: boolean;
  /** Round kilobytes up (a stored file of 100 bytes still takes space) rather than to the nearest. */
  roundUp?: boolean;
}

/** Sizes of things kept on disk: never "0 KB", a few bytes still take space. */
export const STORED: BytesStyle = { roundUp: true };
/** Sizes of transfers: exact bytes below 1 KB. */
export const TRANSFER: BytesStyle = { exactBytes: true };

/** "512 B", "12 KB", "3.4 MB", "1.25 GB". */
export function formatBytes(n: number, style: BytesStyle = {}, locale: string = activeLocale()): string {
  if (style.exactBytes && n < 1024) return `${number(n, 0, locale)} B`;
  if (n < 1024 * 1024) {
    const kb = style.roundUp ? Math.ceil(n / 1024) : Math.round(n / 1024);
    return `${number(style.exactBytes ? kb : Math.max(1, kb), 0, locale)} KB`;
  }
  if (n < 1024 ** 3) return `${number(n / 1024 ** 2, 1, locale)} MB`;
  return `${number(n / 1024 ** 3, 2, locale)} GB`;
}

/** "3.4 MB/s". */
export const formatSpeed = (bytesPerSecond: number, style: BytesStyle = {}, locale: string = activeLocale()): string => `${formatBytes(bytesPerSecond, style, locale)}/s`;

/** "—" until the length is known; then m:ss or h:mm:ss (a clock reads the same in every language Lectern ships). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A full local date and time, as the platform writes it for the language. */
export const formatWhen = (ms: number, locale: string = activeLocale()): string => new Date(ms).toLocaleString(locale);

/** "Dec 6, 2026, 11:05 PM" / "2026. 12. 6. 오후 11:05": a date with the time, compact. */
export const formatDateTime = (ms: number, locale: string = activeLocale()): string => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "in 2 days", "now" / "3분 전", "2일 후", "지금". */
export function formatRelative(ms: number, now: number = Date.now(), locale: string = activeLocale()): string {
  const diff = ms - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(0, 'second');
}

/** "42%" from 0…100. */
export const formatPercent = (value: number, locale: string = activeLocale()): string => intlFor(locale).formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 0 });

/** Whole percent done, 100 for nothing to do. */
export const percent = (done: number, total: number): number => (total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100)));

/** "about 40 s left", "about 3 min left" (media jobs); empty while ffmpeg has not said enough to tell. */
export function formatAboutLeft(etaSec: number | null, locale: string = activeLocale()): string {
  if (etaSec === null || !Number.isFinite(etaSec)) return '';
  if (etaSec < 60) return translate('format.aboutSecondsLeft', { n: Math.max(1, Math.round(etaSec)) }, locale);
  return translate('format.aboutMinutesLeft', { n: Math.round(etaSec / 60) }, locale);
}

/** "40 s left", "3 min left", "1 h 5 min left" (uploads). */
export function formatTimeLeft(seconds: number | null, locale: string = activeLocale()): string {
  if (seconds === null) return '';
  if (seconds < 60) return translate('format.secondsLeft', { n: seconds }, locale);
  const m = Math.floor(seconds / 60);
  return m < 60 ? translate('format.minutesLeft', { n: m }, locale) : translate('format.hoursMinutesLeft', { h: Math.floor(m / 60), m: m % 60 }, locale);
}
