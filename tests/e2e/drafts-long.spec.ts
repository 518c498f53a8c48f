import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { DATABASE_FILE } from '../../main/services/db/database';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { cliShowCourse, dragTo, expectAllSaved, lectures, outlineOf, saveStatus, section, sections } from './support/drafts-ui';
import { freePort } from './support/free-port';
import { startHostProcess, type HostProcess } from './support/host-process';
import { makeLongCourse } from './support/long-course';
import { guardPage } from './support/page-guard';

/**
 * The drafts flows of drafts.spec.ts and autosave-durability.spec.ts — mouse drag, keyboard reorder,
 * the keyboard drag sensor, delete + undo, rename + reload, a crash while typing — on a 400-lecture
 * course (20 sections of 20), where most rows are not rendered until scrolled near. Each step is checked
 * against what the CLI reads from the database, not only against the page.
 */

test.use({ viewport: { width: 1280, height: 800 } });
// Generous for a loaded machine; unloaded each test takes a fraction of this.
test.setTimeout(240_000);

const lectureRow = (page: Page, title: string) => page.locator('[data-testid="lecture"]', { has: page.locator(`input[value="${title}"]`) });
const sectionTitled = (page: Page, title: string) => page.locator('[data-testid="section"]', { has: page.locator(`[data-testid="section-title"][value="${title}"]`) });

async function openLongCourse(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const courseId = await makeLongCourse(page, 400);
  await page.reload();
  await page.locator(`[data-testid="course-item"][data-course-id="${courseId}"]`).click();
  await expect(sections(page)).toHaveCount(20);
  await expect(lectures(section(page, 0))).toHaveCount(20);
  return courseId;
}

async function storedOutline(dataDir: string, courseId: string) {
  return outlineOf(await cliShowCourse(dataDir, courseId));
}

test('on a 400-lecture course: drag, keyboard moves, the drag sensor, delete + undo and rename all land in the database', async ({ page, host }) => {
  const guard = guardPage(page);
  const courseId = await openLongCourse(page, host.url);
  const before = await storedOutline(host.dataDir, courseId);
  const titles = (o: typeof before, s: number) => o[s]!.lectures;

  // Mouse: "Lecture 1.20" below "Lecture 2.1" (both in view once the target is centred).
  await dragTo(page, lectureRow(page, 'Lecture 1.20').getByTestId('lecture-handle'), lectureRow(page, 'Lecture 2.1'), 'below');
  await expectAllSaved(page);
  let stored = await storedOutline(host.dataDir, courseId);
  expect(titles(stored, 0)).toEqual(titles(before, 0).slice(0, -1));
  expect(titles(stored, 1).slice(0, 3)).toEqual(['Lecture 2.1', 'Lecture 1.20', 'Lecture 2.2']);

  // Keyboard: Alt+ArrowUp at the top of section 2 carries "Lecture 2.1" to the end of section 1, focus following.
  const field = lectureRow(page, 'Lecture 2.1').getByTestId('lecture-title');
  await field.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(lectureRow(page, 'Lecture 2.1').getByTestId('lecture-title')).toBeFocused();
  await expectAllSaved(page);
  stored = await storedOutline(host.dataDir, courseId);
  expect(titles(stored, 0).at(-1)).toBe('Lecture 2.1');
  expect(titles(stored, 1)[0]).toBe('Lecture 1.20');

  // dnd-kit's keyboard sensor: "Section 3" picked up with Space, moved up one, dropped.
  const announcer = page.locator('[id^="DndLiveRegion"]');
  await sectionTitled(page, 'Section 3').getByTestId('section-handle').focus();
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText(/Picked up section “Section 3”/);
  await expect(async () => {
    await page.keyboard.press('ArrowUp');
    await expect(announcer).toHaveText('“Section 3” is over “Section 2”.', { timeout: 1500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText('Dropped “Section 3”.');
  await expectAllSaved(page);
  stored = await storedOutline(host.dataDir, courseId);
  expect(stored.slice(0, 4).map((s) => s.title)).toEqual(['Section 1', 'Section 3', 'Section 2', 'Section 4']);
  const moved = stored;

  // Delete a whole section of 20, then Ctrl+Z (focus outside text fields) brings it back with its lectures.
  await sectionTitled(page, 'Section 2').getByTestId('section-delete').click();
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted section “Section 2”');
  await expect(sections(page)).toHaveCount(19);
  await expectAllSaved(page);
  expect((await storedOutline(host.dataDir, courseId)).reduce((n, s) => n + s.lectures.length, 0)).toBe(380);
  await sectionTitled(page, 'Section 1').getByTestId('section-handle').focus();
  await page.keyboard.press('Control+z');
  await expect(sections(page)).toHaveCount(20);
  await expectAllSaved(page);
  expect(await storedOutline(host.dataDir, courseId)).toEqual(moved);

  // Far down the outline, rows render once scrolled near: delete "Lecture 19.10" and undo from the toast.
  await sectionTitled(page, 'Section 19').scrollIntoViewIfNeeded();
  const deep = lectureRow(page, 'Lecture 19.10');
  await deep.scrollIntoViewIfNeeded();
  await deep.getByTestId('lecture-delete').click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Deleted lecture “Lecture 19.10”');
  await expectAllSaved(page);
  expect((await storedOutline(host.dataDir, courseId))[18]!.lectures).not.toContain('Lecture 19.10');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(lectureRow(page, 'Lecture 19.10')).toHaveCount(1);
  await expectAllSaved(page);
  expect(await storedOutline(host.dataDir, courseId)).toEqual(moved);

  // Rename the last lecture of the last section, reload: the page and the CLI agree.
  const lastRow = lectureRow(page, 'Lecture 20.20');
  await sectionTitled(page, 'Section 20').scrollIntoViewIfNeeded();
  await lastRow.scrollIntoViewIfNeeded();
  await lastRow.getByTestId('lecture-title').fill('The very last lecture');
  await expectAllSaved(page);
  await page.reload();
  await expect(sections(page)).toHaveCount(20);
  stored = await storedOutline(host.dataDir, courseId);
  expect(stored[19]!.lectures.at(-1)).toBe('The very last lecture');
  expect(stored.reduce((n, s) => n + s.lectures.length, 0)).toBe(400);
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

/** Typing rhythm of a quick typist, and how long autosave may leave unsaved at any moment. */
const KEY_DELAY_MS = 40;
const KILL_AFTER_MS = 2500;
const MAX_LOSS_MS = 1000;
const TYPED = ' — working with missing values, outliers and dates in real data sets';

function storedTitle(dataDir: string, title: string): { integrity: unknown; titles: string[] } {
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = db.prepare('SELECT title FROM lectures WHERE title LIKE ?').all(`${title}%`) as { title: string }[];
    return { integrity, titles: rows.map((r) => r.title) };
  } finally {
    db.close();
  }
}

test('on a 400-lecture course a crash while typing a deep lecture title loses at most the last second', async ({ page }) => {
  const tmp = tempDir('lectern-durability-long-');
  const port = await freePort();
  let host: HostProcess | null = await startHostProcess(tmp.dir, port);
  // Killing the host is the point: the page's lost connection is expected, nothing else is.
  const guard = guardPage(page, [/WebSocket connection to .* failed/i, /ERR_CONNECTION_REFUSED/]);
  try {
    await openLongCourse(page, host.url);
    const row = lectureRow(page, 'Lecture 15.7');
    await sectionTitled(page, 'Section 15').scrollIntoViewIfNeeded();
    await row.scrollIntoViewIfNeeded();
    const field = row.getByTestId('lecture-title');
    await field.click();
    await field.press('End');
    const deliveredAt: number[] = [];
    let stopTyping = false;
    const typing = (async () => {
      for (const ch of TYPED) {
        if (stopTyping) return;
        await page.keyboard.type(ch);
        deliveredAt.push(Date.now());
        await page.waitForTimeout(KEY_DELAY_MS);
      }
    })();
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    const killedAt = Date.now();
    await host.kill();
    host = null;
    stopTyping = true;
    await typing;
    await expect(saveStatus(page)).toHaveText(/^Couldn't save: /);

    const onDisk = storedTitle(tmp.dir, 'Lecture 15.7');
    expect(onDisk.integrity).toBe('ok');
    expect(onDisk.titles).toHaveLength(1);
    const saved = onDisk.titles[0]!.slice('Lecture 15.7'.length);
    const mustHave = deliveredAt.filter((t) => t <= killedAt - MAX_LOSS_MS).length;
    console.log(`long-course durability: ${deliveredAt.filter((t) => t <= killedAt).length} chars typed before the kill, ${saved.length} on disk`);
    expect(TYPED.startsWith(saved), 'the saved title is a prefix of what was typed').toBe(true);
    expect(saved.length, `every key delivered more than ${MAX_LOSS_MS} ms before the kill is saved`).toBeGreaterThanOrEqual(mustHave);
    expect(guard.problems()).toEqual([]);
  } finally {
    await host?.stop();
    tmp.cleanup();
  }
});
