/// <reference lib="dom" />
/**
 * The library's course page for bench:ui: a hub of published courses of each size (documents only,
 * served on loopback) added through the contract, then for each course
 * `library_open_ms_<n>` (Open in the catalog → first lecture title shown and a frame painted) and
 * `library_end_ms_<n>` (workspace scrolled to the bottom → last lecture title shown and a frame painted) and
 * `library_dialog_ms_<n>` (Download on the first lecture → its dialog shown and a frame painted: a state
 * change of the page, which re-renders whatever rows are not memoised).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { serveHub } from '../../tests/helpers/hls-fixture';
import { addHub, writeLongHub } from '../../tests/e2e/support/long-hub';

export interface LibraryFigures {
  open: number;
  end: number;
  dialog: number;
}

/** Download on the first lecture until its dialog is in the page, one frame later; then Escape closes it. */
async function dialogMs(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = document.querySelector<HTMLElement>('[data-testid="course-page"]')?.closest<HTMLElement>('.workspace');
    if (w) w.scrollTop = 0;
  });
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLElement>('button[aria-label="Download Lecture 1.1"]');
        if (!button) return reject(new Error('the first lecture has no Download button'));
        const start = performance.now();
        button.click();
        const check = () => {
          if (document.querySelector('[data-testid="download-dialog"]')) requestAnimationFrame(() => resolve(performance.now() - start));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  await page.keyboard.press('Escape');
  await page.getByTestId('download-dialog').waitFor({ state: 'detached' });
  return ms;
}

/** Resolves once a lecture titled `title` is on the course page of `courseTitle`, one frame later. */
async function whenShown(page: Page, act: 'open' | 'end', courseTitle: string, title: string): Promise<number> {
  return page.evaluate(
    ({ act, courseTitle, title }) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        if (act === 'open') {
          const button = document.querySelector<HTMLElement>(`button[aria-label="Open ${courseTitle}"]`);
          if (!button) return reject(new Error(`"${courseTitle}" is not in the catalog`));
          button.click();
        } else {
          const page = document.querySelector<HTMLElement>('[data-testid="course-page"]');
          const workspace = page?.closest<HTMLElement>('.workspace');
          if (!workspace) return reject(new Error('no course page is open'));
          workspace.scrollTop = workspace.scrollHeight;
        }
        const check = () => {
          const page = document.querySelector('[data-testid="course-page"]');
          const h1 = page?.querySelector('h1')?.textContent;
          const shown = h1 === courseTitle && Array.from(page?.querySelectorAll('[data-testid="course-lecture"] h3') ?? []).some((h) => h.textContent === title);
          if (shown) requestAnimationFrame(() => resolve(performance.now() - start));
          else if (performance.now() - start > 60_000) reject(new Error(`"${title}" was not shown within 60 s`));
          else {
            // Keep the view at the bottom while rows arrive, as a reader dragging the scrollbar would.
            if (act === 'end') {
              const w = page?.closest<HTMLElement>('.workspace');
              if (w) w.scrollTop = w.scrollHeight;
            }
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    { act, courseTitle, title },
  );
}

export async function benchLibrary(page: Page, sizes: readonly number[], runs: number): Promise<Map<number, LibraryFigures>> {
  const hubRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-hub-'));
  writeLongHub(hubRoot, sizes);
  const hub = await serveHub(hubRoot);
  const results = new Map<number, LibraryFigures>();
  try {
    await addHub(page, hub.url);
    await page.reload();
    await page.getByTestId('area-library').click();
    await page.getByTestId('catalog-course').first().waitFor();
    for (const n of sizes) {
      const title = `Long course (${n} lectures)`;
      const opens: number[] = [];
      const ends: number[] = [];
      const dialogs: number[] = [];
      for (let r = 0; r < runs; r++) {
        opens.push(await whenShown(page, 'open', title, 'Lecture 1.1'));
        dialogs.push(await dialogMs(page));
        ends.push(await whenShown(page, 'end', title, `Lecture ${n / 20}.20`));
        await page.getByRole('button', { name: '← Catalog' }).click();
        await page.getByTestId('catalog-course').first().waitFor();
      }
      results.set(n, { open: median(opens), end: median(ends), dialog: median(dialogs) });
    }
  } finally {
    await hub.close();
    fs.rmSync(hubRoot, { recursive: true, force: true });
  }
  return results;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
