import { test, expect } from './support/fixtures';
import { cliShowCourse, expectAllSaved, lectures, section, sections } from './support/drafts-ui';
import { makeLongCourse } from './support/long-course';
import { guardPage } from './support/page-guard';

// A 400-lecture course (20 sections of 20): rows far down the outline are not rendered until scrolled
// near, and both ways of moving a lecture must still reach the last section.
test.use({ viewport: { width: 1280, height: 800 } });
test.setTimeout(420_000);

let guard: ReturnType<typeof guardPage>;
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

async function openLongCourse(page: import('@playwright/test').Page, url: string): Promise<string> {
  await page.goto(url);
  const courseId = await makeLongCourse(page, 400);
  await page.reload();
  await page.locator(`[data-testid="course-item"][data-course-id="${courseId}"]`).click();
  await expect(sections(page)).toHaveCount(20);
  await expect(lectures(section(page, 0))).toHaveCount(20);
  return courseId;
}

const sectionOf = (course: Awaited<ReturnType<typeof cliShowCourse>>, title: string) => course.sections.findIndex((s) => s.lectures.some((l) => l.title === title));

test('on a 400-lecture course the first lecture reaches the last section by keyboard', async ({ page, host }) => {
  const courseId = await openLongCourse(page, host.url);
  const row = page.locator('[data-testid="lecture"]', { has: page.locator('input[value="Lecture 1.1"]') });
  const lectureId = await lectures(section(page, 0)).first().getAttribute('data-lecture-id');
  const field = page.locator(`[data-lecture-id="${lectureId}"] [data-testid="lecture-title"]`);
  await field.focus();
  // 19 steps to the end of its own section and one into the next; each later section holds it among
  // its 20, so 20 steps to its end and one more across: 20 + 18 × 21 steps reach "Section 20".
  const sectionIndex = () => field.evaluate((el) => [...document.querySelectorAll('[data-testid="section"]')].indexOf(el.closest('[data-testid="section"]')!));
  for (let presses = 0; presses < 20 + 18 * 21; presses++) {
    await page.keyboard.press('Alt+ArrowDown');
    // Focus follows the row, also into a section whose rows were not rendered before.
    await expect(field).toBeFocused();
  }
  expect(await sectionIndex()).toBe(19);
  await expect(lectures(section(page, 19)).first()).toHaveAttribute('data-lecture-id', lectureId!);
  await expect(row).toBeInViewport();
  await expectAllSaved(page);
  const stored = await cliShowCourse(host.dataDir, courseId);
  expect(sectionOf(stored, 'Lecture 1.1')).toBe(19);
  expect(stored.sections[19]!.lectures[0]!.title).toBe('Lecture 1.1');
  expect(stored.sections[0]!.lectures).toHaveLength(19);
});

test('on a 400-lecture course the first lecture is dragged to the last section, auto-scrolling on the way', async ({ page, host }) => {
  const courseId = await openLongCourse(page, host.url);
  const handle = lectures(section(page, 0)).first().getByTestId('lecture-handle');
  const from = (await handle.boundingBox())!;
  const x = from.x + from.width / 2;
  await page.mouse.move(x, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, from.y + from.height / 2 + 10, { steps: 5 });
  // Hold the pointer at the bottom edge of the window: dnd-kit scrolls the outline until the last
  // section, whose rows render as they come near, is on screen.
  const bottom = page.viewportSize()!.height - 4;
  const last = section(page, 19);
  await expect(async () => {
    await page.mouse.move(x, bottom - 1, { steps: 1 });
    await page.mouse.move(x, bottom, { steps: 1 });
    const box = await last.boundingBox();
    expect(box && box.y + box.height / 2 < bottom).toBe(true);
  }).toPass({ timeout: 300_000, intervals: [100] });
  // Then over the last section's first lecture, lingering like a person watching the preview.
  await expect(lectures(last).first()).toBeVisible();
  const target = (await lectures(last).nth(1).boundingBox())!;
  await page.mouse.move(x, target.y + target.height * 0.25, { steps: 20 });
  await page.waitForTimeout(200);
  const again = (await lectures(last).nth(1).boundingBox())!;
  await page.mouse.move(x, again.y + again.height * 0.25, { steps: 5 });
  await page.waitForTimeout(150);
  await page.mouse.up();

  await expectAllSaved(page);
  const stored = await cliShowCourse(host.dataDir, courseId);
  expect(sectionOf(stored, 'Lecture 1.1')).toBe(19);
  expect(stored.sections[0]!.lectures).toHaveLength(19);
  expect(stored.sections[19]!.lectures).toHaveLength(21);
  await expect(lectures(last).locator('input[value="Lecture 1.1"]')).toHaveCount(0).catch(() => undefined);
  await expect(last.getByTestId('lecture-title').filter({ hasText: '' })).toHaveCount(21);
});
