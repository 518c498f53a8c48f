import { describe, expect, it } from 'vitest';
import { CatalogSearch, listedEntry } from '../../../main/services/catalog/catalog-search';

const course = (id: string, title: string) => listedEntry('hub', { id, title, version: 1, latest: `courses/${id}/latest.json` });

describe('catalog order follows the UI language', () => {
  const search = new CatalogSearch(
    ['Zebra finance', '데이터 분석', 'apple pie', '가나다 입문', 'Lecture 10', 'Lecture 2', '데이터 시각화'].map((t, i) => course(`00000000-0000-4000-8000-00000000000${i}`, t)),
  );
  const titles = (r: ReturnType<CatalogSearch['find']>) => r.items.map((e) => e.entry.title);

  it('lists Hangul titles first in Korean and Latin ones first in English, numbers in numeric order', () => {
    expect(titles(search.find('', Infinity, 'ko'))).toEqual(['가나다 입문', '데이터 분석', '데이터 시각화', 'apple pie', 'Lecture 2', 'Lecture 10', 'Zebra finance']);
    expect(titles(search.find('', Infinity, 'en'))).toEqual(['apple pie', 'Lecture 2', 'Lecture 10', 'Zebra finance', '가나다 입문', '데이터 분석', '데이터 시각화']);
  });

  it('keeps the order when only the first few are picked (selection, not a full sort)', () => {
    expect(titles(search.find('', 1, 'ko'))).toEqual(['가나다 입문']);
    expect(titles(search.find('', 1, 'en'))).toEqual(['apple pie']);
  });

  it('finds a Hangul word inside a title: "데이터" finds "데이터 분석" and "데이터 시각화"', () => {
    expect(titles(search.find('데이터', Infinity, 'ko'))).toEqual(['데이터 분석', '데이터 시각화']);
    // Decomposed jamo (as some input methods and file systems produce) match the composed title.
    expect(titles(search.find('데이터'.normalize('NFD'), Infinity, 'ko'))).toEqual(['데이터 분석', '데이터 시각화']);
  });
});
