import type { CatalogEntry } from '../downloads/manifest';

/** One course as the library lists it: its hub, its catalog entry and the text a search looks in. */
export interface ListedEntry {
  hubId: string;
  entry: CatalogEntry;
  /** Title, subtitle and tags, NFC and lower-cased once (a search only runs `includes`). */
  haystack: string;
}

/**
 * NFC first, so Hangul typed or stored as separate jamo (macOS file names, some IMEs) matches the
 * composed syllables; lower case for Latin, Greek, Cyrillic (Hangul has no case).
 */
export const searchText = (s: string) => s.normalize('NFC').toLocaleLowerCase();

export function listedEntry(hubId: string, entry: CatalogEntry, extraTags: readonly string[] = []): ListedEntry {
  return { hubId, entry, haystack: searchText([entry.title, entry.subtitle ?? '', ...(entry.tags ?? []), ...extraTags].join('\n')) };
}

/**
 * Every cached course of every hub, sorted once by title with Intl.Collator (the user's locale, numeric:
 * "Lecture 2" before "Lecture 10"; Hangul in syllable order), so a search is one pass of substring
 * matches over precomputed text and keeps that order: no sort per keystroke.
 */
export class CatalogSearch {
  private readonly sorted: ListedEntry[];

  constructor(entries: ListedEntry[], locales?: string | string[]) {
    const collator = new Intl.Collator(locales, { numeric: true, sensitivity: 'base' });
    this.sorted = entries.sort((a, b) => collator.compare(a.entry.title, b.entry.title) || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Courses where every word of `query` appears (as a substring: "데이터" finds "데이터 분석"); the first `limit` and how many match. */
  find(query: string, limit = Infinity): { total: number; items: ListedEntry[] } {
    const words = searchText(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return { total: this.sorted.length, items: this.sorted.slice(0, limit) };
    const items: ListedEntry[] = [];
    let total = 0;
    for (const e of this.sorted) {
      if (!words.every((w) => e.haystack.includes(w))) continue;
      total++;
      if (items.length < limit) items.push(e);
    }
    return { total, items };
  }
}
