/// <reference lib="dom" />
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Page } from '@playwright/test';

/**
 * Finds English left on a screen that should be entirely in another language: every English catalog
 * message the page shows (matched as a pattern, with its arguments as wildcards), and every Latin-letter
 * word that is not an allowed proper name, unit, URL, path, file name or fixture string.
 */

export type Catalog = Record<string, string>;

/** One piece of text a user can read or hear, and where it came from (visible text, an attribute…). */
export interface TextItem {
  source: string;
  text: string;
}

/**
 * Names and symbols kept as they are in every language. Each entry needs a reason to be here: a word
 * added only to make a screen pass hides the English that should have been translated.
 */
export const PROPER_NAMES: readonly string[] = [
  // The product, the formats and tools the UI names, and S3 services named as examples.
  'Lectern', 'S3', 'HLS', 'MP4', 'ffmpeg', 'FFmpeg', 'H.264', 'AAC', 'WebVTT', 'VTT', 'JPEG', 'PNG', 'WebP', 'URL',
  // Acronyms Korean S3 documentation writes in Latin letters (액세스 키 ID).
  'ID',
  'AWS', 'MinIO', 'Swift', 'Wasabi',
  // Each language is listed in its own name in the language selector; codes given as examples of a course language.
  'English', 'en', 'ko', 'pt-BR',
  // Keys as printed on the keyboard.
  'Ctrl', 'Shift', 'Alt', 'Esc', 'Enter', 'Space',
  // Glyphs on the rich-text toolbar (italic, heading levels; "B" is below); their names are in aria-label.
  'I', 'H1', 'H2', 'H3',
  // Units: Korean uses the same symbols.
  'B', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'B/s', 'KB/s', 'MB/s', 'GB/s', 'kbps', 'Mbps', 'fps', 'Hz', 'kHz', 'px',
];

const FILE_EXTENSIONS = 'mp4|mov|mkv|webm|m4v|avi|vtt|srt|m3u8|m4s|ts|jpe?g|png|webp|gif|json|zip|log|txt|AppImage|exe|dmg|sqlite|db';
/** Text that is data rather than UI: removed before looking for Latin words. */
const DATA_PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'“”<>]+/gi, // URLs
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /(?<![\w/])(?:~|\.{1,2})?\/[^\s"'“”()]+/g, // POSIX paths
  /\b[A-Za-z]:\\[^\s"'“”]+/g, // Windows paths
  /(?<![\w/])[\w.-]+\/(?=[\s.,;:)]|$)/g, // folder names such as a key prefix "courses/"
  /\b(?:(?:Ctrl|Shift|Alt|Cmd)\+)+[^\s)]+/g, // shortcuts: Ctrl+B
  /\((?:[A-Z]|Space|Enter|Esc)\)/g, // a shortcut key after a button's name: "(M)"
  new RegExp(`[^\\s"'“”()/\\\\]+\\.(?:${FILE_EXTENSIONS})\\b`, 'gi'), // file names
  /\bv?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\b/g, // versions
  /\bv\d+\b/g, // short versions: "v2"
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasLatin = (s: string) => /[A-Za-z]/.test(s);

function literalPattern(text: string): string {
  return text
    .split(/\s+/)
    .map(escapeRegExp)
    .join('\\s+');
}

function elementsPattern(elements: MessageFormatElement[]): string {
  return elements
    .map((el) => {
      switch (el.type) {
        case TYPE.literal:
          return literalPattern(el.value);
        case TYPE.select:
        case TYPE.plural:
          return `(?:${Object.values(el.options)
            .map((o) => elementsPattern(o.value))
            .join('|')})`;
        case TYPE.tag:
          return elementsPattern(el.children);
        default:
          // An argument, a number, a date or `#`: whatever the UI put there.
          return '[\\s\\S]*?';
      }
    })
    .join('');
}

/** Every literal run of the message, in plural/select branches and inside tags too. */
export function staticParts(message: string): string[] {
  const parts: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) {
        if (el.value.trim()) parts.push(el.value.trim());
      } else if (el.type === TYPE.select || el.type === TYPE.plural) {
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return parts;
}

/**
 * A pattern that finds the message as the UI renders it, whatever its arguments, inside a longer text
 * (`whole`: only when it is the whole text); null when the message has no English of its own to find
 * (only arguments, or only allowed names).
 */
export function messagePattern(message: string, opts: { allowed?: readonly string[]; whole?: boolean } = {}): RegExp | null {
  const english = staticParts(message).some((p) => hasLatin(withoutAllowed(p, opts.allowed ?? PROPER_NAMES)));
  if (!english) return null;
  const full = elementsPattern(parse(message));
  if (opts.whole) return new RegExp(`^${full}$`);
  const source = full.replace(/^(?:\[\\s\\S\]\*\?)+|(?:\[\\s\\S\]\*\?)+$/g, '');
  // Whole words only: "Save" must not be found inside "Saved".
  const start = /^[A-Za-z0-9]/.test(source) ? '(?<![A-Za-z0-9])' : '';
  const end = /[A-Za-z0-9]$/.test(source) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${start}${source}${end}`);
}

export interface EnglishMessage {
  key: string;
  message: string;
  /** Finds the message inside a text. */
  pattern: RegExp;
  /** Matches a text that is exactly the message. */
  whole: RegExp;
}

/** The English messages worth looking for: those with English of their own that the other catalog changes. */
export function englishMessages(en: Catalog, other: Catalog, allowed: readonly string[] = PROPER_NAMES): EnglishMessage[] {
  const found: EnglishMessage[] = [];
  for (const [key, message] of Object.entries(en)) {
    if (other[key] === message) continue; // the same in both: a proper name such as "Lectern {version}"
    const pattern = messagePattern(message, { allowed });
    const whole = messagePattern(message, { allowed, whole: true });
    if (pattern && whole) found.push({ key, message, pattern, whole });
  }
  // Longest first: a text that is "Open {title}" is named by that message rather than by a shorter one it contains.
  return found.sort((a, b) => b.message.length - a.message.length);
}

function withoutAllowed(text: string, allowed: readonly string[]): string {
  let rest = text;
  for (const name of [...allowed].sort((a, b) => b.length - a.length)) {
    rest = rest.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(name)}(?![A-Za-z0-9])`, 'g'), ' ');
  }
  return rest;
}

/** The Latin-letter words of `text` that are not data (URLs, paths, file names, versions), fixture strings or allowed names. */
export function latinWords(text: string, opts: { allowed?: readonly string[]; fixtures?: readonly string[] } = {}): string[] {
  let rest = text;
  for (const f of [...(opts.fixtures ?? [])].filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(f).join(' ');
  for (const p of DATA_PATTERNS) rest = rest.replace(p, ' ');
  rest = withoutAllowed(rest, opts.allowed ?? PROPER_NAMES);
  return rest.match(/(?<![\p{L}\p{N}_])[A-Za-z][A-Za-z0-9'’-]*/gu) ?? [];
}

export interface Leftover {
  /** Where on the page: visible text, aria-label, title, placeholder… */
  source: string;
  text: string;
  /** The catalog key when the text is an English message; absent for a stray English word. */
  key?: string;
  words?: string[];
}

/**
 * Every English message and stray English word in `items`, one entry per text: a text that is exactly an
 * English message is named by its key; any other text by its English words (or, when every word is data
 * or a name, by an English message it still contains).
 */
export function findEnglish(items: readonly TextItem[], messages: readonly EnglishMessage[], opts: { allowed?: readonly string[]; fixtures?: readonly string[] } = {}): Leftover[] {
  const out: Leftover[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const text = item.text.replace(/\s+/g, ' ').trim();
    if (!text || seen.has(`${item.source}\u0000${text}`)) continue;
    seen.add(`${item.source}\u0000${text}`);
    const exact = messages.find((m) => m.whole.test(text));
    if (exact) {
      out.push({ source: item.source, text, key: exact.key });
      continue;
    }
    const words = latinWords(text, opts);
    if (words.length > 0) {
      out.push({ source: item.source, text, words });
      continue;
    }
    const inside = messages.find((m) => m.pattern.test(text));
    if (inside) out.push({ source: item.source, text, key: inside.key });
  }
  return out;
}

/** One line per leftover, naming the screen, so a failure says exactly what to translate. */
export function describeLeftovers(screen: string, leftovers: readonly Leftover[]): string {
  const lines = leftovers.map((l) => (l.key ? `  [${screen}] ${l.source}: "${l.text}" — same as English message ${l.key}` : `  [${screen}] ${l.source}: "${l.text}" — English words: ${l.words?.join(', ')}`));
  return `${leftovers.length} English text(s) on the ${screen} screen:\n${lines.join('\n')}`;
}

/**
 * What a user of the page can read or hear: the visible text line by line, the document title, and the
 * aria-label, aria-valuetext, title, placeholder and alt of rendered elements and the options of selects.
 * `root` (a CSS selector) limits it to one part, such as an open dialog; text inside `ignore` (selectors
 * for content that is data, such as release notes from the update feed) is left out.
 */
export async function collectTexts(page: Page, opts: { root?: string; ignore?: readonly string[] } = {}): Promise<TextItem[]> {
  return page.evaluate(
    ({ rootSelector, ignoreSelectors }) => {
      const root = rootSelector ? document.querySelector<HTMLElement>(rootSelector) : document.body;
      if (!root) throw new Error(`Nothing on the page matches ${rootSelector}`);
      const items: { source: string; text: string }[] = rootSelector ? [] : [{ source: 'document title', text: document.title }];
      const ignored = ignoreSelectors.flatMap((s) => Array.from(root.querySelectorAll<HTMLElement>(s)));
      const ignoredLines = new Set(ignored.flatMap((el) => el.innerText.split('\n').map((l: string) => l.trim())));
      for (const line of root.innerText.split('\n')) {
        if (line.trim() && !ignoredLines.has(line.trim())) items.push({ source: 'text', text: line });
      }
      const inIgnored = (el: Element) => ignored.some((i) => i.contains(el));
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        if (inIgnored(el) || !el.checkVisibility()) continue;
        for (const attr of ['aria-label', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt']) {
          const value = el.getAttribute(attr);
          if (value?.trim()) items.push({ source: `${attr} of <${el.tagName.toLowerCase()}>`, text: value });
        }
        if (el instanceof HTMLSelectElement) for (const o of Array.from(el.options)) items.push({ source: 'option', text: o.text });
        if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) items.push({ source: 'button value', text: el.value });
      }
      return items;
    },
    { rootSelector: opts.root ?? null, ignoreSelectors: [...(opts.ignore ?? [])] },
  );
}
