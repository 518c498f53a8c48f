import path from 'node:path';
import type { LecternApi } from '../../main/contract/bridge';
import { serveHub, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { addHub, addPlayableLectures, playedLectures, writeLongHub } from './support/long-hub';
import { guardPage } from './support/page-guard';

// A downloaded lecture in the middle of a 400-lecture course (20 sections of 20) in the player: the
// curriculum opens on it, renders the sections near it, and the far ones as the student scrolls to them.
test.use({ viewport: { width: 1280, height: 800 } });

const tmp = tempDir('lectern-e2e-long-curriculum-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let guard: ReturnType<typeof guardPage>;
const { ids, titles } = playedLectures(400);

test.beforeAll(async () => {
  writeLongHub(hubRoot, [400]);
  addPlayableLectures(hubRoot, [400]);
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

test('a 400-lecture curriculum opens on the lecture playing and loses no lecture when scrolled end to end', async ({ page, host }) => {
  await page.goto(host.url);
  const hubId = await addHub(page, hub.url);
  for (const lectureId of ids) {
    await page.evaluate(
      async (input) => {
        const { lectern } = window as unknown as { lectern: LecternApi };
        const envelope = (await lectern.invoke('downloads.start' as never, input as never)) as { ok: boolean; error?: unknown };
        if (!envelope.ok) throw new Error(`downloads.start failed: ${JSON.stringify(envelope.error)}`);
      },
      { hubId, courseId: 'long-400', lectureId, height: null, wait: true },
    );
  }
  await page.reload();
  await page.getByTestId('area-library').click();
  await page.getByTestId('library-nav-downloads').click();
  await page.getByRole('button', { name: `Play ${titles[0]}`, exact: true }).click();
  await expect(page.getByTestId('player-title')).toHaveText(titles[0]);

  const curriculum = page.getByTestId('curriculum');
  const current = curriculum.locator('[data-testid="curriculum-lecture"][aria-current="true"]');
  await expect(current).toHaveAttribute('data-lecture-id', ids[0]);
  await expect(current).toBeInViewport();
  // Every section heading is there; only the lectures around the current one are rendered.
  await expect(curriculum.getByTestId('curriculum-section')).toHaveCount(20);
  const entries = curriculum.getByTestId('curriculum-lecture');
  expect(await entries.count()).toBeLessThan(400);

  // The next lecture plays from its entry, with the keyboard.
  const nextEntry = curriculum.locator(`[data-lecture-id="${ids[1]}"]`);
  await expect(nextEntry).toHaveAttribute('data-copy', 'downloaded');
  await nextEntry.getByRole('button', { name: new RegExp(`^Play ${titles[1].replace('.', '\\.')},`) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('player-title')).toHaveText(titles[1]);
  await expect(current).toHaveAttribute('data-lecture-id', ids[1]);

  // From the top to the bottom a screen at a time: every lecture shows up once, in the course's order.
  await curriculum.evaluate((c) => (c.scrollTop = 0));
  for (let screens = 0; ; screens++) {
    const atEnd = await curriculum.evaluate((c) => {
      c.scrollBy(0, c.clientHeight);
      return c.scrollTop + c.clientHeight >= c.scrollHeight - 1;
    });
    if (atEnd) break;
    expect(screens, 'the curriculum keeps growing while scrolled').toBeLessThan(400);
  }
  await expect(curriculum.getByTestId('curriculum-section-pending')).toHaveCount(0);
  const order = await entries.evaluateAll((els) => els.map((e) => e.querySelector('.curriculum-lecture-title')?.textContent));
  const expected = Array.from({ length: 400 }, (_, i) => `Lecture ${Math.floor(i / 20) + 1}.${(i % 20) + 1}`);
  expect(order).toEqual(expected);
});
