/// <reference lib="dom" />
/**
 * The catalog in Chromium for bench:catalog: the test host (its own process, like the app) with the bench
 * hub added through the contract from the page, then
 * - `ui_cold`: a fresh data folder, the hub just added; Library tab clicked → first catalog card in the
 *   page and a frame painted;
 * - `ui_warm`: the host restarted on the same data folder (the app started again: the catalog comes from
 *   SQLite), page loaded, Library tab clicked → first card and a frame;
 * - `ui_search`: a query typed into the catalog search → the cards and count of its matches shown and a frame.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tests/e2e/support/chromium';
import { startHostProcess, type HostProcess } from '../../tests/e2e/support/host-process';
import { addHub } from '../../tests/e2e/support/long-hub';

const root = path.resolve(import.meta.dirname, '../..');

export interface CatalogUiFigures {
  addHubMs: number;
  coldFirstPageMs: number[];
  warmFirstPageMs: number[];
  searchMs: number[];
  /** The same, by query, in the order asked. */
  searchByQuery: [string, number][];
}

/** Where the page is ready: the contract bridge is there (the shell rendered). */
async function openApp(browser: Browser, host: HostProcess): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => process.stdout.write(`# page error: ${err.message}\n`));
  // tsx compiles with keepNames, so functions handed to page.evaluate call a helper the page lacks.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(host.url);
  await page.waitForFunction(() => typeof (window as unknown as { lectern?: { invoke?: unknown } }).lectern?.invoke === 'function');
  await page.getByTestId('area-library').waitFor();
  return page;
}

/** Library tab clicked → the first catalog card is in the page, one frame later. */
async function firstCardMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const tab = document.querySelector<HTMLElement>('[data-testid="area-library"]');
        if (!tab) return reject(new Error('there is no Library tab'));
        const start = performance.now();
        tab.click();
        const check = () => {
          if (document.querySelector('[data-testid="catalog-course"]')) requestAnimationFrame(() => resolve(performance.now() - start));
          else if (performance.now() - start > 120_000) reject(new Error('no catalog card within 120 s'));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/**
 * `query` typed (as one input event, like a paste or the last key of a word) → every card shown contains
 * its first word and the count line changed (or went away), one frame later.
 */
async function searchMs(page: Page, query: string): Promise<number> {
  return page.evaluate(
    (q) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="catalog-search"]');
        if (!input) return reject(new Error('there is no catalog search field'));
        const word = q.split(/\s+/)[0]!.toLowerCase();
        const countBefore = document.querySelector('[data-testid="catalog-count"]')?.textContent ?? null;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const start = performance.now();
        setValue.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          const cards = Array.from(document.querySelectorAll('[data-testid="catalog-course"]'));
          const count = document.querySelector('[data-testid="catalog-count"]')?.textContent ?? null;
          const empty = document.querySelector('.loading')?.textContent?.includes('No course matches') ?? false;
          const matched = (cards.length > 0 && cards.every((c) => (c.textContent ?? '').toLowerCase().includes(word)) && count !== countBefore) || empty;
          if (matched) requestAnimationFrame(() => resolve(performance.now() - start));
          else if (performance.now() - start > 60_000) reject(new Error(`"${q}" showed no matching cards within 60 s`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    query,
  );
}

async function clearSearch(page: Page): Promise<void> {
  await page.getByTestId('catalog-search').fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalog-course"]').length > 0);
}

export async function benchCatalogUi(hubUrl: string, dataDir: string, runs: number, queries: readonly string[]): Promise<CatalogUiFigures> {
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    process.stdout.write('# building the renderer (npm run build)\n');
    execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const browser = await chromium.launch(chromiumLaunchOptions());
  const figures: CatalogUiFigures = { addHubMs: 0, coldFirstPageMs: [], warmFirstPageMs: [], searchMs: [], searchByQuery: [] };
  try {
    // Cold: each run a fresh data folder and host; the hub added through the contract, then the Library tab.
    for (let r = 0; r < runs; r++) {
      const dir = path.join(dataDir, `ui-cold-${r}`);
      const host = await startHostProcess(dir);
      try {
        const page = await openApp(browser, host);
        const t = performance.now();
        await addHub(page, hubUrl);
        if (r === 0) figures.addHubMs = performance.now() - t;
        await page.reload();
        await page.getByTestId('area-library').waitFor();
        figures.coldFirstPageMs.push(await firstCardMs(page));
        await page.close();
      } finally {
        await host.stop();
      }
    }
    // Warm: the app started again on the last data folder, each run a new host process.
    const dir = path.join(dataDir, `ui-cold-${runs - 1}`);
    for (let r = 0; r < runs; r++) {
      const host = await startHostProcess(dir);
      try {
        const page = await openApp(browser, host);
        figures.warmFirstPageMs.push(await firstCardMs(page));
        if (r === runs - 1) {
          // Searches over the loaded catalog: wait until the library's refresh (which awaits the full load) ends.
          await page.waitForFunction(() => document.querySelector('[data-testid="catalog-refresh"]')?.hasAttribute('disabled') === false, null, { timeout: 120_000 });
          for (const q of queries) {
            const ms = await searchMs(page, q);
            figures.searchMs.push(ms);
            figures.searchByQuery.push([q, ms]);
            await clearSearch(page);
          }
        }
        await page.close();
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}
