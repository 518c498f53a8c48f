import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LecternApi } from '../../main/contract/bridge';
import { writeCatalog } from '../helpers/catalog-hub';
import { MANIFEST_PATH, serveHub, writeFfmpegPackage, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { startTestHost, type TestHost } from '../host/test-host';
import { guardPage } from './support/page-guard';

/**
 * The player page is a lecture player: the course's curriculum beside the video with watch ticks and
 * download state, previous/next lecture by button and by Shift+P / Shift+N, and theater mode (remembered);
 * on a 1024×640 window the curriculum is a drawer. At both sizes the whole video and its controls stay
 * inside the window. Screenshots go to test-results/screens/.
 *
 * The host runs in this process: downloads keep their keys in its in-memory keychain.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;
const SCREENS_DIR = path.resolve('test-results/screens');

/** Two sections; lecture 3 is the one not downloaded, so next/previous skip it. */
const LECTURES = [
  { id: 'lecture1', title: 'Sampling', section: 0 },
  { id: 'lecture2', title: 'Aliasing', section: 0 },
  { id: 'lecture3', title: 'Filters', section: 1 },
  { id: 'lecture4', title: 'Reconstruction', section: 1 },
] as const;
const SECTIONS = ['Week 1: Sampling', 'Week 2: Filters'];

let tmp: ReturnType<typeof tempDir>;
let host: TestHost;
let hub: Hub;

/** The fixture's one lecture becomes four, in two sections, sharing its (verified) media files. */
function writeFourLectureCourse(hubRoot: string): void {
  writeFfmpegPackage(hubRoot, { seconds: 4 });
  const file = path.join(hubRoot, MANIFEST_PATH);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { title: string; lectures: Record<string, unknown>[] };
  const base = manifest.lectures[0]!;
  manifest.title = 'Signals and Systems';
  manifest.lectures = LECTURES.map((l) => ({ ...base, id: l.id, title: l.title }));
  Object.assign(manifest, {
    sections: SECTIONS.map((title, i) => ({ id: `s${i + 1}`, title, lectureIds: LECTURES.filter((l) => l.section === i).map((l) => l.id) })),
  });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  writeCatalog(hubRoot);
}

test.beforeAll(async () => {
  tmp = tempDir('lectern-e2e-curriculum-');
  const hubRoot = path.join(tmp.dir, 'hub');
  writeFourLectureCourse(hubRoot);
  hub = await serveHub(hubRoot);
  host = await startTestHost({ dataDir: path.join(tmp.dir, 'data') });
  const { downloads } = host.services.library;
  for (const lectureId of ['lecture1', 'lecture2', 'lecture4']) {
    const { id } = await downloads.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId, quality: { kind: 'highest' } });
    await downloads.start(id);
    expect(downloads.get(id).state).toBe('completed');
  }
  await host.services.library.catalog.addHub(hub.url);
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
});

test.afterAll(async () => {
  await host?.close();
  await hub?.close().catch(() => {});
  tmp?.cleanup();
});

let guard: ReturnType<typeof guardPage>;
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

async function invoke(page: Page, channel: string, input: unknown): Promise<void> {
  await page.evaluate(
    async ({ channel: c, input: i }) => {
      const { lectern } = window as unknown as { lectern: LecternApi };
      const envelope = (await lectern.invoke(c as never, i as never)) as { ok: boolean; error?: unknown };
      if (!envelope.ok) throw new Error(`${c} failed: ${JSON.stringify(envelope.error)}`);
    },
    { channel, input },
  );
}

/** The library with the hub added, and the download of `title` playing (paused at once, so progress stays as set). */
async function openPlayer(page: Page, title: string): Promise<void> {
  await page.getByTestId('area-library').click();
  await page.getByTestId('library-nav-downloads').click();
  await page.getByRole('button', { name: `Play ${title}`, exact: true }).click();
  await expect(page.getByTestId('player-title')).toHaveText(title);
}

const entry = (page: Page, lectureId: string): Locator => page.locator(`[data-testid="curriculum-lecture"][data-lecture-id="${lectureId}"]`);

async function expectInside(page: Page, locator: Locator, what: string) {
  const r = await locator.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const vp = page.viewportSize()!;
  expect(r.height, `${what} has no height`).toBeGreaterThan(0);
  expect(r.top, `${what} starts above the window`).toBeGreaterThanOrEqual(0);
  expect(r.left, `${what} starts left of the window`).toBeGreaterThanOrEqual(0);
  expect(r.bottom, `${what} ends below the window`).toBeLessThanOrEqual(vp.height);
  expect(r.right, `${what} ends right of the window`).toBeLessThanOrEqual(vp.width);
  return r;
}

/** The video has a frame and is paused (so the picture and its controls are measured still). */
async function settleVideo(page: Page): Promise<Locator> {
  const video = page.getByTestId('player-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  return video;
}

async function expectPlayerFits(page: Page, label: string) {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({ scrollHeight: document.scrollingElement!.scrollHeight, innerHeight: window.innerHeight }));
  expect(scrollHeight, `${label}: the window scrolls`).toBeLessThanOrEqual(innerHeight);
  const video = await expectInside(page, page.getByTestId('player-video'), `${label}: the video`);
  await expectInside(page, page.locator('[data-testid="player"] .player-controls'), `${label}: the controls`);
  return video;
}

test('the curriculum shows sections, watch ticks and what is downloaded; lectures play from it and by previous/next', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto(host.url);
  // Lecture 1 watched to the end, lecture 2 partly: the local progress store the ticks come from.
  await invoke(page, 'progress.save', { hubBase: hub.url, courseId: 'course1', lectureId: 'lecture1', title: 'Sampling', positionSec: 4, durationSec: 4 });
  await invoke(page, 'progress.save', { hubBase: hub.url, courseId: 'course1', lectureId: 'lecture2', title: 'Aliasing', positionSec: 1, durationSec: 4 });
  await page.reload();
  await openPlayer(page, 'Aliasing');

  const curriculum = page.getByRole('navigation', { name: 'Course curriculum' });
  await expect(curriculum).toBeVisible();
  await expect(curriculum.getByRole('heading', { level: 2 })).toHaveText('Signals and Systems');
  await expect(curriculum.getByTestId('curriculum-section').locator('h3')).toHaveText(SECTIONS);
  await expect(curriculum.getByTestId('curriculum-lecture')).toHaveCount(4);
  await expect(entry(page, 'lecture1')).toHaveAttribute('data-watch', 'watched');
  await expect(entry(page, 'lecture2')).toHaveAttribute('data-watch', 'partial');
  await expect(entry(page, 'lecture3')).toHaveAttribute('data-watch', 'unwatched');
  await expect(entry(page, 'lecture1').getByTestId('curriculum-tick')).toHaveText('✓watched');
  await expect(entry(page, 'lecture2').getByTestId('curriculum-tick')).toHaveText(/^\d+% watched$/);
  // Downloaded state: lecture 3 is not on this computer and cannot be played from the list.
  await expect(entry(page, 'lecture2')).toHaveAttribute('aria-current', 'true');
  await expect(entry(page, 'lecture2')).toContainText('Playing now');
  await expect(entry(page, 'lecture1')).toHaveAttribute('data-copy', 'downloaded');
  await expect(entry(page, 'lecture1')).toContainText('Downloaded');
  await expect(entry(page, 'lecture3')).toHaveAttribute('data-copy', 'none');
  await expect(entry(page, 'lecture3')).toContainText('Not downloaded');
  await expect(entry(page, 'lecture3').getByRole('button')).toHaveCount(0);

  // Next skips the lecture that is not downloaded; previous comes back.
  await page.getByTestId('player-next-lecture').click();
  await expect(page.getByTestId('player-title')).toHaveText('Reconstruction');
  await expect(page.getByTestId('player-next-lecture')).toBeDisabled();
  await page.keyboard.press('Shift+P');
  await expect(page.getByTestId('player-title')).toHaveText('Aliasing');
  await page.getByTestId('player-previous').click();
  await expect(page.getByTestId('player-title')).toHaveText('Sampling');
  await expect(page.getByTestId('player-previous')).toBeDisabled();
  await page.keyboard.press('Shift+N');
  await expect(page.getByTestId('player-title')).toHaveText('Aliasing');

  // Shortcuts stay out of the way while the student types.
  await page.evaluate(() => {
    const field = document.createElement('input');
    field.type = 'text';
    field.setAttribute('data-testid', 'typing-probe');
    document.body.append(field);
  });
  await page.getByTestId('typing-probe').focus();
  await page.keyboard.press('Shift+N');
  await page.keyboard.press('t');
  await expect(page.getByTestId('typing-probe')).toHaveValue('Nt');
  await expect(page.getByTestId('player-title')).toHaveText('Aliasing');
  await expect(page.getByTestId('player-theater')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('typing-probe').evaluate((el) => el.remove());

  // A click on a downloaded lecture in the curriculum plays it.
  await entry(page, 'lecture4').getByRole('button', { name: /^Play Reconstruction/ }).click();
  await expect(page.getByTestId('player-title')).toHaveText('Reconstruction');
  await expect(entry(page, 'lecture4')).toHaveAttribute('aria-current', 'true');
});

test('theater mode and the narrow drawer keep the whole video and its controls in the window, and theater mode is remembered', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(SIZES[0]);
  await page.goto(host.url);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const at = `${size.width}x${size.height}`;
    await openPlayer(page, 'Sampling');
    await settleVideo(page);
    const theater = page.getByTestId('player-theater');
    const curriculum = page.getByTestId('curriculum');
    await expect(theater).toHaveAttribute('aria-pressed', 'false');

    if (size.width >= 1280) {
      // Wide: the curriculum is a column beside the player, with no drawer button.
      await expect(curriculum).toBeVisible();
      await expect(page.getByTestId('player-curriculum-toggle')).toHaveCount(0);
      const beside = await expectPlayerFits(page, `${at} with the curriculum`);
      await expectInside(page, curriculum, `${at}: the curriculum`);
      console.log(`player_video_with_curriculum_${at}=${Math.round(beside.width)}x${Math.round(beside.height)}`);
      await page.screenshot({ path: path.join(SCREENS_DIR, `player-curriculum-${at}.png`) });
      await theater.click();
      await expect(curriculum).toHaveCount(0);
      const wide = await expectPlayerFits(page, `${at} in theater mode`);
      console.log(`player_video_theater_${at}=${Math.round(wide.width)}x${Math.round(wide.height)}`);
      expect(wide.width, 'theater mode makes the video wider').toBeGreaterThan(beside.width);
      await page.screenshot({ path: path.join(SCREENS_DIR, `player-theater-${at}.png`) });
      // Remembered: a new start of the page comes back in theater mode; T turns it off again.
      await page.reload();
      await openPlayer(page, 'Sampling');
      await expect(page.getByTestId('player-theater')).toHaveAttribute('aria-pressed', 'true');
      await expect(curriculum).toHaveCount(0);
      await page.keyboard.press('t');
      await expect(page.getByTestId('player-theater')).toHaveAttribute('aria-pressed', 'false');
      await expect(curriculum).toBeVisible();
    } else {
      // Narrow: the curriculum is a drawer, closed until asked for; the video keeps the width.
      const toggle = page.getByTestId('player-curriculum-toggle');
      await expect(curriculum).toHaveCount(0);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      const video = await expectPlayerFits(page, `${at} with the drawer closed`);
      console.log(`player_video_${at}=${Math.round(video.width)}x${Math.round(video.height)}`);
      await page.screenshot({ path: path.join(SCREENS_DIR, `player-narrow-${at}.png`) });
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(curriculum).toBeFocused();
      await expectInside(page, curriculum, `${at}: the curriculum drawer`);
      await expectPlayerFits(page, `${at} with the drawer open`);
      await page.screenshot({ path: path.join(SCREENS_DIR, `player-drawer-${at}.png`) });
      // Escape in the drawer closes it (and stays on the player), focus back on its button.
      await page.keyboard.press('Escape');
      await expect(curriculum).toHaveCount(0);
      await expect(toggle).toBeFocused();
      await expect(page.getByTestId('player-title')).toHaveText('Sampling');
      await theater.click();
      await expectPlayerFits(page, `${at} in theater mode`);
      await page.screenshot({ path: path.join(SCREENS_DIR, `player-theater-${at}.png`) });
      await theater.click();
    }
  }
});
