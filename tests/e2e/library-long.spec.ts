import path from 'node:path';
import { serveHub, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { addHub, writeLongHub } from './support/long-hub';
import { guardPage } from './support/page-guard';

// A published course of 400 lectures (20 sections of 20) on the library's course page: sections far
// below the view render their lectures as the reader scrolls near them, and none goes missing.
test.use({ viewport: { width: 1280, height: 800 } });

const tmp = tempDir('lectern-e2e-long-hub-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let guard: ReturnType<typeof guardPage>;

test.beforeAll(async () => {
  writeLongHub(hubRoot, [400]);
  hub = await serveHub(hubRoot);
});
test.afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

test('a 400-lecture course page opens at once, scrolls to its last lecture and loses none on the way', async ({ page, host }) => {
  await page.goto(host.url);
  await addHub(page, hub.url);
  await page.reload();
  await page.getByTestId('area-library').click();
  await page.getByRole('button', { name: 'Open Long course (400 lectures)' }).click();
  const coursePage = page.getByTestId('course-page');
  const lectureTitles = coursePage.locator('[data-testid="course-lecture"] h3');
  await expect(lectureTitles.first()).toHaveText('Lecture 1.1');
  // Every section header is there from the start; only the first screens of lectures are rendered.
  await expect(coursePage.getByTestId('course-section')).toHaveCount(20);
  expect(await lectureTitles.count()).toBeLessThan(400);
  await expect(coursePage.getByTestId('download-course')).toHaveText('Download course (400 lectures)');

  // Straight to the bottom, as with the End key or the scrollbar: the last section renders there.
  const workspace = page.locator('main.workspace');
  await workspace.evaluate((w) => (w.scrollTop = w.scrollHeight));
  const last = coursePage.getByTestId('course-lecture').filter({ hasText: 'Lecture 20.20' });
  await expect(async () => {
    await workspace.evaluate((w) => (w.scrollTop = w.scrollHeight));
    await expect(last).toBeInViewport();
  }).toPass({ timeout: 10_000 });
  await expect(last.getByRole('button', { name: 'Download Lecture 20.20' })).toBeVisible();

  // Back to the top and down a screen at a time: every lecture shows up once, in the course's order.
  await workspace.evaluate((w) => (w.scrollTop = 0));
  for (let screens = 0; ; screens++) {
    const atEnd = await workspace.evaluate((w) => {
      w.scrollBy(0, w.clientHeight);
      return w.scrollTop + w.clientHeight >= w.scrollHeight - 1;
    });
    if (atEnd) break;
    expect(screens, 'the page keeps growing as it is scrolled').toBeLessThan(1_000);
    await page.waitForTimeout(20);
  }
  await expect(page.getByTestId('course-section-pending')).toHaveCount(0);
  const expected = Array.from({ length: 400 }, (_, i) => `Lecture ${Math.floor(i / 20) + 1}.${(i % 20) + 1}`);
  expect(await lectureTitles.allTextContents()).toEqual(expected);
});
