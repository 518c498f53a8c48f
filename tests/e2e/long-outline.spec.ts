import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { cliShowCourse, expectAllSaved, lectures, section, sections } from './support/drafts-ui';
import { makeLongCourse } from './support/long-course';
import { guardPage } from './support/page-guard';

// A 400-lecture course: three sections of 20, then a last section of 340. The last section starts some
// 60 rows down, so its rows are not rendered when the course opens, and both ways of moving a lecture
// must still reach it. (The 2,000-lecture outline is measured by `npm run bench:ui`; here the shape keeps
// the trip to the last section to 62 keyboard moves rather than 398, so the file runs well under a minute.)
const SHAPE = [20, 20, 20, 340];
const LAST = SHAPE.length - 1;
test.use({ viewport: { width: 1280, height: 800 } });
// Generous for a loaded machine; unloaded each test takes a fraction of this.
test.setTimeout(240_000);

let guard: ReturnType<typeof guardPage>;
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

async function openLongCourse(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const courseId = await makeLongCourse(page, 400, SHAPE);
  await page.reload();
  await page.locator(`[data-testid="course-item"][data-course-id="${courseId}"]`).click();
  await expect(sections(page)).toHaveCount(SHAPE.length);
  await expect(lectures(section(page, 0))).toHaveCount(20);
  // The point of the test: the last section has not rendered its rows yet.
  await expect(lectures(section(page, LAST))).toHaveCount(0);
  return courseId;
}

const sectionOf = (course: Awaited<ReturnType<typeof cliShowCourse>>, title: string) => course.sections.findIndex((s) => s.lectures.some((l) => l.title === title));

async function expectMovedToLast(page: Page, dataDir: string, courseId: string): Promise<void> {
  await expectAllSaved(page);
  const stored = await cliShowCourse(dataDir, courseId);
  expect(sectionOf(stored, 'Lecture 1.1')).toBe(LAST);
  expect(stored.sections[0]!.lectures).toHaveLength(19);
  expect(stored.sections[LAST]!.lectures).toHaveLength(SHAPE[LAST]! + 1);
  expect(stored.sections.reduce((n, s) => n + s.lectures.length, 0)).toBe(400);
}

test('on a 400-lecture course the first lecture reaches the last section by keyboard', async ({ page, host }) => {
  const courseId = await openLongCourse(page, host.url);
  const row = page.locator('[data-testid="lecture"]', { has: page.locator('input[value="Lecture 1.1"]') });
  const lectureId = await lectures(section(page, 0)).first().getAttribute('data-lecture-id');
  const field = page.locator(`[data-lecture-id="${lectureId}"] [data-testid="lecture-title"]`);
  await field.focus();
  // 19 steps to the end of its own section and one into the next; each later section of 20 holds it
  // among 21, so 20 steps to its end and one more across: 20 + 2 × 21 steps reach the last section.
  const sectionIndex = () => field.evaluate((el) => [...document.querySelectorAll('[data-testid="section"]')].indexOf(el.closest('[data-testid="section"]')!));
  for (let presses = 0; presses < 20 + (LAST - 1) * 21; presses++) {
    await page.keyboard.press('Alt+ArrowDown');
    // Focus follows the row, also into a section whose rows were not rendered before. Checked every
    // frame rather than with expect's back-off, which would add 100 ms or more to each of the 62 keys.
    await page.waitForFunction((id) => document.activeElement?.closest('[data-lecture-id]')?.getAttribute('data-lecture-id') === id, lectureId, { polling: 'raf', timeout: 10_000 });
  }
  await expect(field).toBeFocused();
  expect(await sectionIndex()).toBe(LAST);
  await expect(lectures(section(page, LAST)).first()).toHaveAttribute('data-lecture-id', lectureId!);
  await expect(row).toBeInViewport();
  await expectMovedToLast(page, host.dataDir, courseId);
  const stored = await cliShowCourse(host.dataDir, courseId);
  expect(stored.sections[LAST]!.lectures[0]!.title).toBe('Lecture 1.1');
});

/** Holds the dragged pointer at one edge of the window (dnd-kit scrolls the outline) until `done`. */
async function autoScroll(page: Page, x: number, edge: 'top' | 'bottom', done: () => Promise<boolean>): Promise<void> {
  const y = edge === 'bottom' ? page.viewportSize()!.height - 4 : 4;
  const step = edge === 'bottom' ? -1 : 1;
  await expect(async () => {
    await page.mouse.move(x, y + step, { steps: 1 });
    await page.mouse.move(x, y, { steps: 1 });
    expect(await done()).toBe(true);
  }).toPass({ timeout: 90_000, intervals: [50] });
  // Off the edge, so scrolling stops.
  await page.mouse.move(x, page.viewportSize()!.height / 2, { steps: 2 });
}

/**
 * Presses on a drag handle and moves past the sensor's 5 px until the drag overlay shows. The outline may
 * still be settling right after opening (rows rendering near the view), so a press that landed beside the
 * handle, which starts a text selection instead, is let go and tried again.
 */
async function pickUp(page: Page, handle: Locator): Promise<number> {
  const overlay = page.locator('.drag-overlay');
  for (let attempt = 1; ; attempt++) {
    await handle.hover();
    const from = (await handle.boundingBox())!;
    const x = from.x + from.width / 2;
    await page.mouse.move(x, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(x, from.y + from.height / 2 + 10, { steps: 5 });
    try {
      await expect(overlay).toBeVisible({ timeout: 2000 });
      return x;
    } catch (err) {
      await page.mouse.up();
      if (attempt === 3) throw err;
    }
  }
}

const topOf = async (el: Locator): Promise<number | null> => (await el.boundingBox())?.y ?? null;

test('on a 400-lecture course the first lecture is dragged to the last section, auto-scrolling on the way', async ({ page, host }) => {
  const courseId = await openLongCourse(page, host.url);
  const handle = lectures(section(page, 0)).first().getByTestId('lecture-handle');
  const x = await pickUp(page, handle);
  const height = page.viewportSize()!.height;
  const last = section(page, LAST);
  // Most of the way by scrolling the outline a screen at a time while holding the lecture (the wheel
  // would scroll what is under the drag overlay), so sections render as they pass; the last
  // screen or so by auto-scroll, which must carry the drag there.
  const workspace = page.locator('main.workspace');
  const scrollTop = () => workspace.evaluate((w) => w.scrollTop);
  for (let y = await topOf(last); y !== null && y > height * 1.5; y = await topOf(last)) {
    await workspace.evaluate((w, by) => w.scrollBy(0, by), Math.min(height, y - height * 1.5 + 1));
    await page.waitForTimeout(50);
  }
  const wheeled = await scrollTop();
  await autoScroll(page, x, 'bottom', async () => {
    const y = await topOf(last);
    return y !== null && y < height - 200;
  });
  expect(await scrollTop(), 'auto-scroll moved the outline').toBeGreaterThan(wheeled + 300);
  // Scrolling may have run past the section's first lectures: back up until the second is well in view.
  const target = lectures(last).nth(1);
  await expect(target).toBeAttached();
  if (((await topOf(target)) ?? 0) < 100) await autoScroll(page, x, 'top', async () => ((await topOf(target)) ?? 0) > 150);
  // Then over it, lingering like a person watching the preview.
  const box = (await target.boundingBox())!;
  await page.mouse.move(x, box.y + box.height * 0.25, { steps: 20 });
  await page.waitForTimeout(200);
  const again = (await target.boundingBox())!;
  await page.mouse.move(x, again.y + again.height * 0.25, { steps: 5 });
  await page.waitForTimeout(150);
  await page.mouse.up();

  await expectMovedToLast(page, host.dataDir, courseId);
  await expect(lectures(section(page, 0))).toHaveCount(19);
});
