/**
 * bench:catalog — a hub of 100,000 courses (in memory, served over loopback HTTP with ETags like S3 or a
 * CDN), read by the library service as a student's Lectern does, and changed by one publish.
 *
 * Service-side timings (CatalogService over SQLite, no renderer), prefixed `service_`:
 * `service_catalog_first_page_ms` is a cold library (hub added, nothing cached) until the first 60 cards
 * are listed; `service_catalog_cached_open_ms` a restarted app listing them from SQLite (the first cards,
 * served while the rest of the catalog loads); `service_catalog_cached_full_ms` the same list once every
 * course is loaded; `service_catalog_search_ms` a query over every cached course.
 * In Chromium, through the test host (catalog-ui.ts), prefixed `ui_`: `ui_catalog_first_page_cold_ms`
 * (fresh data folder, hub just added: Library tab → first card painted), `ui_catalog_first_page_warm_ms`
 * (app restarted on that folder, catalog from SQLite) and `ui_catalog_search_ms` (query typed → matching
 * cards painted). `--no-ui` skips them.
 * `publish_docs_rewritten` / `publish_bytes_rewritten` are what one publish wrote to the catalog;
 * `unchanged_refresh_bytes` what a refresh of an unchanged hub received (headers included).
 * Baseline, same run: the same catalog as one single-file catalog.json, fetched and parsed whole.
 *
 *   npm run bench:catalog [-- --courses 100000 --runs 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogService } from '../../main/services/catalog/catalog-service';
import { CatalogStore } from '../../main/services/catalog/catalog-store';
import { openDatabase } from '../../main/services/db/database';
import { migrations } from '../../main/services/db/migrations';
import type { CatalogEntry } from '../../main/services/downloads/manifest';
import { LeaseManager } from '../../main/services/leases/lease';
import { updateCatalog } from '../../main/services/uploads/catalog-update';
import { MemoryHub } from '../../tests/helpers/memory-hub';
import { numberFlag } from './args';
import { benchCatalogUi } from './catalog-ui';

const COURSES = numberFlag('courses', 100_000);
const RUNS = numberFlag('runs', 3);
const CARDS = 60;

const SUBJECTS = ['데이터 분석', '머신러닝', '파이썬 기초', '웹 개발', 'Data analysis', 'Linear algebra', 'Rust systems', 'Signal processing', '통계학', 'Music theory'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function course(i: number): CatalogEntry {
  const id = `course-${i.toString(36).padStart(6, '0')}-${((i * 2654435761) >>> 0).toString(16)}`;
  const subject = SUBJECTS[i % SUBJECTS.length]!;
  return {
    id,
    title: `${subject} ${Math.floor(i / SUBJECTS.length) + 1}`,
    subtitle: i % 3 === 0 ? `${subject} for beginners, part ${i % 7}` : undefined,
    tags: [subject.split(' ')[0]!.toLowerCase(), i % 2 ? 'beginner' : 'advanced'],
    version: 1 + (i % 4),
    latest: `courses/${id}/latest.json`,
    lectureCount: 5 + (i % 40),
    durationSec: 600 + (i % 97) * 60,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-catalog-'));
  const hub = new MemoryHub();
  try {
    // The hub: an older Lectern's single-file catalog of every course but one, paged by the first publish.
    const all = Array.from({ length: COURSES }, (_, i) => course(i));
    const single = JSON.stringify({ courses: all });
    hub.put('catalog.json', JSON.stringify({ courses: all.slice(0, -1) }));
    const leases = new LeaseManager(hub, { owner: 'bench', host: 'bench', pid: process.pid });
    let t = performance.now();
    const paging = await updateCatalog(hub, leases, { put: all.at(-1)! });
    const pagingMs = performance.now() - t;
    const index = JSON.parse(hub.objects.get('catalog.json')!.text) as { pages: unknown[] };
    hub.put('single/catalog.json', single);
    await hub.listen();

    // Baseline: the whole catalog as one document, fetched and parsed.
    const singleMs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      t = performance.now();
      JSON.parse(await (await fetch(`${hub.url}single/catalog.json`)).text());
      singleMs.push(performance.now() - t);
    }

    // A student's cold library: the hub is added, nothing cached; index + first page, then the rest.
    const firstPage: number[] = [];
    const fullLoad: number[] = [];
    let dataDir = '';
    for (let r = 0; r < RUNS; r++) {
      dataDir = path.join(tmp, `student-${r}`);
      const db = openDatabase(dataDir, migrations);
      new CatalogStore(db).addHub('hub', 'Bench hub', hub.url);
      const service = new CatalogService({ db, downloads: () => [] });
      t = performance.now();
      const view = await service.refresh('hub', { firstPageOnly: true, limit: CARDS });
      firstPage.push(performance.now() - t);
      if (view.courses.length !== CARDS) throw new Error(`the first page listed ${view.courses.length} cards, not ${CARDS}: ${view.hubs[0]?.error}`);
      t = performance.now();
      const full = await service.refresh('hub', { limit: CARDS });
      fullLoad.push(performance.now() - t);
      if (full.total !== COURSES) throw new Error(`the library lists ${full.total} courses, not ${COURSES}`);
      db.close();
    }

    // The app restarted: the first cards from SQLite, then searches over every course.
    const db = openDatabase(dataDir, migrations);
    const cachedOpen: number[] = [];
    let service = new CatalogService({ db, downloads: () => [] });
    const cachedFull: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      service = new CatalogService({ db, downloads: () => [] });
      t = performance.now();
      service.list('', { limit: CARDS });
      cachedOpen.push(performance.now() - t);
      t = performance.now();
      await service.loaded();
      service.list('', { limit: CARDS });
      cachedFull.push(performance.now() - t);
    }
    const searches: number[] = [];
    const queries = ['데이터', '분석 12', 'linear algebra 99', 'beginner', '없는강좌'];
    const found: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      for (const q of queries) {
        t = performance.now();
        const v = service.list(q, { limit: CARDS });
        searches.push(performance.now() - t);
        if (r === 0) found.push(`${q}:${v.total}`);
      }
    }

    // An unchanged refresh; then one publish (a new course) and the refresh that picks it up.
    let before = hub.sentBytes();
    await service.refresh('hub', { limit: CARDS });
    const unchangedBytes = hub.sentBytes() - before;
    const publish = await updateCatalog(hub, leases, { put: course(COURSES + 1) });
    const republish = await updateCatalog(hub, leases, { put: { ...all[COURSES / 2]!, version: 9, title: '데이터 분석 (개정판)' } });
    before = hub.sentBytes();
    t = performance.now();
    await service.refresh('hub', { limit: CARDS });
    const changedMs = performance.now() - t;
    const changedBytes = hub.sentBytes() - before;
    db.close();

    const ui = process.argv.includes('--no-ui') ? null : await benchCatalogUi(hub.url, tmp, RUNS, queries);

    console.log(`courses=${COURSES} pages=${index.pages.length} runs=${RUNS} cards=${CARDS} service_=CatalogService+SQLite ui_=Chromium+test host`);
    console.log(`single_catalog_bytes=${Buffer.byteLength(single)} single_catalog_fetch_parse_ms=${median(singleMs).toFixed(0)}`);
    console.log(`paging_old_catalog_docs=${paging.docs} paging_old_catalog_ms=${pagingMs.toFixed(0)}`);
    console.log(`service_catalog_first_page_ms=${median(firstPage).toFixed(0)}`);
    console.log(`service_catalog_full_load_ms=${median(fullLoad).toFixed(0)}`);
    console.log(`service_catalog_cached_open_ms=${median(cachedOpen).toFixed(0)} service_catalog_cached_full_ms=${median(cachedFull).toFixed(0)}`);
    console.log(`service_catalog_search_ms=${median(searches).toFixed(1)} service_catalog_search_max_ms=${Math.max(...searches).toFixed(1)} search_matches=${found.join(',')}`);
    console.log(`publish_docs_rewritten=${publish.docs} publish_bytes_rewritten=${publish.bytes}`);
    console.log(`republish_docs_rewritten=${republish.docs} republish_bytes_rewritten=${republish.bytes}`);
    console.log(`unchanged_refresh_bytes=${unchangedBytes}`);
    console.log(`changed_refresh_bytes=${changedBytes} changed_refresh_ms=${changedMs.toFixed(0)}`);
    if (ui) {
      console.log(`ui_add_hub_ms=${ui.addHubMs.toFixed(0)}`);
      console.log(`ui_catalog_first_page_cold_ms=${median(ui.coldFirstPageMs).toFixed(0)} ui_catalog_first_page_cold_max_ms=${Math.max(...ui.coldFirstPageMs).toFixed(0)}`);
      console.log(`ui_catalog_first_page_warm_ms=${median(ui.warmFirstPageMs).toFixed(0)} ui_catalog_first_page_warm_max_ms=${Math.max(...ui.warmFirstPageMs).toFixed(0)}`);
      console.log(`ui_catalog_search_ms=${median(ui.searchMs).toFixed(0)} ui_catalog_search_max_ms=${Math.max(...ui.searchMs).toFixed(0)}`);
      console.log(`ui_catalog_search_by_query=${ui.searchByQuery.map(([q, ms]) => `${q}:${ms.toFixed(0)}`).join(',')}`);
      console.log(`ui_warm_first_page_vs_single_ratio=${(median(singleMs) / median(ui.warmFirstPageMs)).toFixed(2)}`);
    }
    console.log(`first_page_vs_single_ratio=${(median(singleMs) / median(firstPage)).toFixed(2)}`);
    console.log(`unchanged_refresh_vs_single_ratio=${(Buffer.byteLength(single) / Math.max(1, unchangedBytes)).toFixed(0)}`);
  } finally {
    await hub.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
