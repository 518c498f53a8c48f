/// <reference lib="dom" />
/**
 * bench:ui — the course editor in Chromium through the test host, for courses of 20, 400 and 2,000
 * lectures created through the contract.
 *
 *   npm run bench:ui -- [--sizes 20,400,2000] [--keys 30] [--runs 3] [--only editor|library|player]
 *
 * Builds the renderer when out/renderer is missing (or with --build). Prints `name=value` lines per size:
 * `editor_open_ms_<n>` (click in the course list → first lecture title shown and a frame painted),
 * `editor_input_frame_p90_ms_<n>` (keystroke in a lecture title → next animation frame),
 * `editor_move_ms_<n>` (Alt+ArrowDown on a lecture → its row in the new place), and ratios of each
 * against the smallest size measured in the same run. Then the library's course page for published courses
 * of the same sizes (`library_open_ms_<n>`, `library_end_ms_<n>`: see ui-library.ts), and the player page
 * on a downloaded lecture of each (`player_open_ms_<n>`, `player_progress_frame_p90_ms_<n>`,
 * `player_next_ms_<n>`: see ui-player.ts).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tests/e2e/support/chromium';
import { startHostProcess } from '../../tests/e2e/support/host-process';
import { makeLongCourse } from '../../tests/e2e/support/long-course';
import { benchLibrary } from './ui-library';
import { benchPlayer } from './ui-player';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const positive = (name: string, fallback: number): number => {
  const v = Number(opt(name) ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive whole number, got "${opt(name)}"`);
  return v;
};
const sizes = (opt('sizes') ?? '20,400,2000').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 20 || n % 20 !== 0) throw new Error(`--sizes takes lecture counts that are multiples of 20 (20 per section), got "${s}"`);
  return n;
});
const keys = positive('keys', 30);
const runs = positive('runs', 3);
const only = opt('only');
if (only !== undefined && only !== 'editor' && only !== 'library' && only !== 'player') throw new Error(`--only takes "editor", "library" or "player", got "${only}"`);

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number): number => Math.round(x * 10) / 10;

/**
 * Click the course in the list and wait for its first lecture title and one painted frame: what fills
 * the window. (An outline that renders every row commits them all at once, so for it this equals
 * "last title shown".)
 */
async function openMs(page: Page, courseId: string, firstTitle: string): Promise<number> {
  return page.evaluate(
    ({ id, last }) =>
      new Promise<number>((resolve, reject) => {
        const item = document.querySelector<HTMLElement>(`[data-testid="course-item"][data-course-id="${id}"]`);
        if (!item) return reject(new Error(`course ${id} is not in the course list`));
        const start = performance.now();
        item.click();
        const check = () => {
          const editor = document.querySelector(`[data-testid="course-editor"][data-course-id="${id}"]`);
          const titles = editor?.querySelectorAll<HTMLInputElement>('[data-testid="lecture-title"]');
          const shown = titles && titles.length > 0 && Array.from(titles).some((t) => t.value === last);
          if (shown) requestAnimationFrame(() => resolve(performance.now() - start));
          else if (performance.now() - start > 60_000) reject(new Error('the course did not open within 60 s'));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { id: courseId, last: firstTitle },
  );
}

/** Types into the first lecture title; each key's cost is the time from the keystroke to the next frame. */
async function inputFrames(page: Page): Promise<number[]> {
  const field = page.getByTestId('lecture-title').first();
  await field.click();
  await page.keyboard.press('End');
  const frames: number[] = [];
  for (let i = 0; i < keys; i++) {
    await page.evaluate(() => {
      const w = window as unknown as { __benchFrame?: Promise<number> };
      w.__benchFrame = new Promise((resolve) => {
        const t0 = performance.now();
        // The keydown handler runs first; the frame after the re-render is the one the user sees.
        document.addEventListener('keydown', () => requestAnimationFrame(() => resolve(performance.now() - t0)), { once: true, capture: true });
      });
    });
    const t = Date.now();
    await page.keyboard.press(i % 5 === 4 ? 'Backspace' : 'x');
    const inPage = await page.evaluate(() => (window as unknown as { __benchFrame: Promise<number> }).__benchFrame);
    frames.push(Math.min(inPage, Date.now() - t));
    // Let autosave's echo land like it would between a typist's keys.
    await page.waitForTimeout(40);
  }
  return frames;
}

/** Alt+ArrowDown on the first lecture, then back up; the time until the row sits in its new place. */
async function moveMs(page: Page): Promise<number> {
  const times: number[] = [];
  for (const key of ['Alt+ArrowDown', 'Alt+ArrowUp']) {
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');
    const before = await page.getByTestId('lecture').nth(key === 'Alt+ArrowDown' ? 0 : 1).getAttribute('data-lecture-id');
    await page.locator(`[data-lecture-id="${before}"] [data-testid="lecture-title"]`).focus();
    const ms = await page.evaluate(
      ({ id, down }) =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const check = () => {
            const rows = Array.from(document.querySelectorAll('[data-testid="lecture"]')).slice(0, 2).map((r) => r.getAttribute('data-lecture-id'));
            if (rows[down ? 1 : 0] === id) requestAnimationFrame(() => resolve(performance.now() - start));
            else requestAnimationFrame(check);
          };
          const field = document.querySelector<HTMLElement>(`[data-lecture-id="${id}"] [data-testid="lecture-title"]`)!;
          field.dispatchEvent(new KeyboardEvent('keydown', { key: down ? 'ArrowDown' : 'ArrowUp', altKey: true, bubbles: true, cancelable: true }));
          check();
        }),
      { id: before, down: key === 'Alt+ArrowDown' },
    );
    times.push(ms);
  }
  return median(times);
}

async function main(): Promise<void> {
  if (args.includes('--build') || !fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    log('# building the renderer (npm run build)');
    execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-ui-'));
  const host = await startHostProcess(dataDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (err) => log(`# page error: ${err.message}`));
    // tsx compiles with keepNames, so functions handed to page.evaluate call a helper the page lacks.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(host.url);
    await page.waitForFunction(() => typeof (window as unknown as { lectern?: { invoke?: unknown } }).lectern?.invoke === 'function');
    if (only === undefined || only === 'editor') await benchEditor(page);
    if (only === undefined || only === 'library') await libraryFigures(page);
    if (only === undefined || only === 'player') await playerFigures(page);
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function libraryFigures(page: Page): Promise<void> {
  const results = await benchLibrary(page, sizes, runs);
  for (const [n, r] of results) {
    log(`library_open_ms_${n}=${round(r.open)}`);
    log(`library_end_ms_${n}=${round(r.end)}`);
    log(`library_dialog_ms_${n}=${round(r.dialog)}`);
  }
  logRatios('library', results, { open: 'open', end: 'end', dialog: 'dialog' });
}

async function playerFigures(page: Page): Promise<void> {
  const results = await benchPlayer(page, sizes, runs, keys);
  const figures = new Map([...results].map(([n, r]) => [n, { open: r.open, progress: percentile(r.progress, 90), next: r.next }]));
  for (const [n, r] of results) {
    log(`player_open_ms_${n}=${round(r.open)}`);
    log(`player_first_open_ms_${n}=${round(r.firstOpen)}`);
    log(`player_progress_frame_p50_ms_${n}=${round(median(r.progress))}`);
    log(`player_progress_frame_p90_ms_${n}=${round(figures.get(n)!.progress)}`);
    log(`player_progress_shown_ms_${n}=${round(median(r.progressShown))}`);
    log(`player_next_ms_${n}=${round(r.next)}`);
  }
  logRatios('player', figures, { open: 'open', progress: 'progress_frame', next: 'next' });
}

async function benchEditor(page: Page): Promise<void> {
  const courses = new Map<number, string>();
  for (const n of sizes) courses.set(n, await makeLongCourse(page, n));
  // A small course stays open between runs so each open is a switch from something cheap.
  const idle = await makeLongCourse(page, 20);
  await page.reload();
  await page.getByTestId('course-item').first().waitFor();

  const results = new Map<number, { open: number; input: number; move: number }>();
  for (const n of sizes) {
    const id = courses.get(n)!;
    const opens: number[] = [];
    for (let r = 0; r < runs; r++) {
      await openMs(page, idle, 'Lecture 1.1');
      opens.push(await openMs(page, id, 'Lecture 1.1'));
    }
    const frames = await inputFrames(page);
    const move = await moveMs(page);
    const open = median(opens);
    const input = percentile(frames, 90);
    results.set(n, { open, input, move });
    log(`editor_open_ms_${n}=${round(open)}`);
    log(`editor_input_frame_p50_ms_${n}=${round(median(frames))}`);
    log(`editor_input_frame_p90_ms_${n}=${round(input)}`);
    log(`editor_move_ms_${n}=${round(move)}`);
  }
  logRatios('editor', results, { open: 'open', input: 'input_frame', move: 'move' });
}

/**
 * Each figure against the smallest size measured in the same run, and its growth from 400 to 2,000
 * lectures: linear growth is a ratio of 5; above that the cost grows faster than the course.
 */
function logRatios<K extends string>(area: string, results: Map<number, Record<K, number>>, names: Record<K, string>): void {
  const fields = Object.keys(names) as K[];
  const base = results.get(sizes[0]!)!;
  for (const n of sizes.slice(1)) {
    const r = results.get(n)!;
    for (const k of fields) log(`${area}_${names[k]}_ratio_${n}_vs_${sizes[0]}=${round(r[k] / base[k])}`);
  }
  const a = results.get(400);
  const b = results.get(2000);
  if (a && b) for (const k of fields) log(`${area}_${names[k]}_growth_2000_vs_400=${round(b[k] / a[k])}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ui failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
