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
export const searchText = (s: string) => s.normalize('NFC').toLowerCase();

export function listedEntry(hubId: string, entry: CatalogEntry, extraTags: readonly string[] = []): ListedEntry {
  return { hubId, entry, haystack: searchText([entry.title, entry.subtitle ?? '', ...(entry.tags ?? []), ...extraTags].join('\n')) };
}

/**
 * Every cached course of every hub, searched in one pass of substring matches over precomputed text.
 * Order is Intl.Collator's (the user's locale, numeric: "Lecture 2" before "Lecture 10"; Hangul in
 * syllable order), but only the `limit` courses shown are put in order, by selection: sorting 100,000
 * titles with a collator takes seconds, picking the first 60 takes one comparison per match.
 */
export class CatalogSearch {
  /** One collator per UI language asked for: a Korean UI lists Hangul titles first, an English one Latin. */
  private readonly collators = new Map<string, Intl.Collator>();

  constructor(private readonly entries: readonly ListedEntry[]) {}

  private collator(locale: string | undefined): Intl.Collator {
    const id = locale ?? '';
    let collator = this.collators.get(id);
    if (!collator) {
      collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
      this.collators.set(id, collator);
    }
    return collator;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Courses where every word of `query` appears (as a substring: "데이터" finds "데이터 분석"); the first `limit` and how many match. */
  find(query: string, limit = Infinity, locale?: string): { total: number; items: ListedEntry[] } {
    const words = searchText(query).split(/\s+/).filter(Boolean);
    const matches = words.length === 0 ? this.entries : this.entries.filter((e) => words.every((w) => e.haystack.includes(w)));
    const collator = this.collator(locale);
    const compare = (a: ListedEntry, b: ListedEntry): number =>
      collator.compare(a.entry.title, b.entry.title) || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : a.hubId < b.hubId ? -1 : a.hubId > b.hubId ? 1 : 0);
    return { total: matches.length, items: first(matches, limit, compare) };
  }
}

/** The `limit` smallest in `compare` order, sorted; a full sort only when most of them are wanted anyway. */
function first(matches: readonly ListedEntry[], limit: number, compare: (a: ListedEntry, b: ListedEntry) => number): ListedEntry[] {
  if (limit * 4 >= matches.length) return [...matches].sort(compare).slice(0, limit);
  const top: ListedEntry[] = [];
  for (const e of matches) {
    if (top.length === limit && compare(e, top[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(top[mid]!, e) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, e);
    if (top.length > limit) top.pop();
  }
  return top;
}
