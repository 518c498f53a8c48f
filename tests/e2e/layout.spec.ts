import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeCatalog } from '../helpers/catalog-hub';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage, type Hub } from '../helpers/hls-fixture';
import { makeVideo } from '../helpers/media';
import { tempDir } from '../helpers/tmp';
import { startTestHost, type TestHost } from '../host/test-host';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { queueDialogAnswer } from './support/host-process';
import { addHub } from './support/long-hub';
import { guardPage } from './support/page-guard';

/**
 * The layout holds at laptop sizes: the window itself never scrolls (each area scrolls inside itself),
 * the library's player shows the whole video and its controls, the studio's preview player keeps a
 * usable seek bar and lecture titles keep room beside a video being built. Screenshots of each screen
 * at each size go to test-results/screens/ for a reviewer, and the measurements are printed
 * (lines starting `layout_`).
 *
 * The host runs in this process because downloads keep their keys in the test host's in-memory keychain:
 * the lecture is downloaded by the same process that later serves it to the player.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;
type Size = (typeof SIZES)[number];

const SCREENS_DIR = path.resolve('test-results/screens');
const LONG_TITLE = 'Sampling, aliasing and the Nyquist–Shannon theorem, worked through with audio examples';

let tmp: ReturnType<typeof tempDir>;
let host: TestHost;
let hub: Hub;

test.beforeAll(async () => {
  tmp = tempDir('lectern-e2e-layout-');
  const hubRoot = path.join(tmp.dir, 'hub');
  writeFfmpegPackage(hubRoot, { seconds: 6 });
  writeCatalog(hubRoot, { subtitle: 'Sampling and aliasing', tags: ['dsp'] });
  hub = await serveHub(hubRoot);
  host = await startTestHost({ dataDir: path.join(tmp.dir, 'data') });
  const { downloads } = host.services.library;
  const { id } = await downloads.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
  await downloads.start(id);
  expect(downloads.get(id).state).toBe('completed');
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

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

async function rectOf(locator: Locator): Promise<Rect> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  });
}

const fmt = (r: Rect) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;

/** The window is exactly as tall as the viewport: whatever is longer scrolls inside its own area. */
async function expectNoWindowScroll(page: Page, screen: string): Promise<void> {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({ scrollHeight: document.scrollingElement!.scrollHeight, innerHeight: window.innerHeight }));
  expect(scrollHeight, `${screen}: the document is taller than the window`).toBeLessThanOrEqual(innerHeight);
}

async function screenshot(page: Page, screen: string, size: Size): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${screen}-${size.width}x${size.height}.png`) });
}

async function expectInside(page: Page, locator: Locator, what: string): Promise<Rect> {
  const r = await rectOf(locator);
  const vp = page.viewportSize()!;
  expect(r.height, `${what} has no height`).toBeGreaterThan(0);
  expect(r.top, `${what} starts above the window`).toBeGreaterThanOrEqual(0);
  expect(r.left, `${what} starts left of the window`).toBeGreaterThanOrEqual(0);
  expect(r.bottom, `${what} ends below the window`).toBeLessThanOrEqual(vp.height);
  expect(r.right, `${what} ends right of the window`).toBeLessThanOrEqual(vp.width);
  return r;
}

test('studio: lecture titles keep their width beside a video being built, and the preview seek bar stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  const videos = path.join(tmp.dir, 'videos');
  fs.mkdirSync(videos, { recursive: true });
  // Long and large enough that its ladder is still encoding while the outline is measured.
  const video = makeVideo(path.join(videos, 'Lecture 1.mp4'), { width: 1280, height: 720, durationSec: 12 });
  const captions = path.join(videos, 'Lecture 1.vtt');
  fs.writeFileSync(captions, 'WEBVTT\n\n00:00:00.000 --> 00:00:06.000\nSampling turns a signal into numbers.\n');

  await page.setViewportSize(SIZES[0]);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Create your first course' }).click();
  await addSection(page, 'Week 1');
  await addLecture(page, 0, LONG_TITLE);
  const row = lectures(page).nth(0);
  const title = row.getByTestId('lecture-title');

  await queueDialogAnswer(host, video);
  await row.getByTestId('media-summary').click();
  await row.getByTestId('media-add').click();
  await expect(row.getByTestId('media-summary')).toHaveText(/Building \d+%$/, { timeout: 30_000 });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const width = (await rectOf(title)).width;
    console.log(`layout_title_building_${size.width}x${size.height}=${Math.round(width)}`);
    expect(width, `lecture title width at ${size.width}×${size.height} while a video builds`).toBeGreaterThanOrEqual(160);
    await expectNoWindowScroll(page, 'studio');
  }

  await expect(row.locator('[data-testid="media-job"][data-kind="ladder"]')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(row.getByTestId('media-captions-add')).toBeEnabled({ timeout: 30_000 });
  await queueDialogAnswer(host, captions);
  await row.getByTestId('media-captions-add').click();
  await expect(row.getByTestId('media-captions')).toContainText('1 cue');
  await row.getByTestId('media-preview-toggle').click();
  await expect(row.getByTestId('player-captions')).toBeVisible();

  const seek = row.getByTestId('player-seek');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await seek.scrollIntoViewIfNeeded();
    const seekWidth = (await rectOf(seek)).width;
    const titleWidth = (await rectOf(title)).width;
    console.log(`layout_preview_seek_${size.width}x${size.height}=${Math.round(seekWidth)}`);
    console.log(`layout_title_${size.width}x${size.height}=${Math.round(titleWidth)}`);
    expect(seekWidth, `preview seek bar width at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(200);
    expect(titleWidth, `lecture title width at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(160);
    await expectNoWindowScroll(page, 'studio');
    await screenshot(page, 'studio', size);
  }

  // The wheel scrolls the area under the pointer and nothing else: never the window, never the editor
  // from over the sidebar.
  const editor = page.getByRole('main', { name: 'Course editor' });
  const scrollTops = () => page.evaluate(() => ({ window: window.scrollY, editor: document.querySelector('main.workspace')!.scrollTop }));
  await editor.evaluate((el) => el.scrollTo(0, 0));
  const sidebar = await rectOf(page.getByRole('navigation', { name: 'Courses' }));
  await page.mouse.move(sidebar.left + sidebar.width / 2, sidebar.top + sidebar.height / 2);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  expect(await scrollTops()).toEqual({ window: 0, editor: 0 });
  const box = await rectOf(editor);
  await page.mouse.move(box.left + box.width / 2, box.top + box.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await scrollTops()).editor).toBeGreaterThan(0);
  expect((await scrollTops()).window).toBe(0);
});

test('publishing, settings, library, course page and player fit the window, and the player shows the whole video and its controls', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(host.url);
  await addHub(page, hub.url);
  await page.reload();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const at = `${size.width}x${size.height}`;

    await page.getByTestId('area-publishing').click();
    await expect(page.getByRole('main', { name: 'Publishing' })).toBeVisible();
    await expectNoWindowScroll(page, 'publishing');
    await screenshot(page, 'publishing', size);

    await page.getByTestId('area-settings').click();
    await expect(page.getByRole('main', { name: 'Settings' })).toBeVisible();
    await expectNoWindowScroll(page, 'settings');
    await screenshot(page, 'settings', size);

    await page.getByTestId('area-library').click();
    await page.getByTestId('library-nav-catalog').click();
    const course = page.getByTestId('catalog-course');
    await expect(course).toHaveCount(1);
    await expectNoWindowScroll(page, 'library');
    await screenshot(page, 'library', size);

    await course.getByRole('button', { name: /^Open / }).click();
    await expect(page.getByTestId('course-page')).toBeVisible();
    await expectNoWindowScroll(page, 'course page');
    await screenshot(page, 'course-page', size);

    await page.getByTestId('library-nav-downloads').click();
    await page.getByRole('button', { name: /^Play / }).first().click();
    const videoEl = page.getByTestId('player-video');
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await videoEl.evaluate((v: HTMLVideoElement) => v.pause());
    await expectNoWindowScroll(page, 'player');
    const videoRect = await expectInside(page, videoEl, 'the video');
    const controls = await expectInside(page, page.locator('[data-testid="player"] .player-controls'), "the player's controls");
    // The picture itself (object-fit: contain inside the element) is as big as the element allows.
    const picture = await videoEl.evaluate((v: HTMLVideoElement) => {
      const scale = Math.min(v.clientWidth / v.videoWidth, v.clientHeight / v.videoHeight);
      return { width: v.videoWidth * scale, height: v.videoHeight * scale };
    });
    console.log(`layout_player_video_${at}=${fmt(videoRect)}`);
    console.log(`layout_player_picture_${at}=${Math.round(picture.width)}x${Math.round(picture.height)}`);
    console.log(`layout_player_controls_${at}=${fmt(controls)}`);
    expect(picture.height, 'the picture uses most of the height the page leaves').toBeGreaterThan(size.height * 0.5);
    const seekWidth = (await rectOf(page.getByTestId('player-seek'))).width;
    console.log(`layout_player_seek_${at}=${Math.round(seekWidth)}`);
    expect(seekWidth).toBeGreaterThanOrEqual(200);
    await screenshot(page, 'player', size);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('downloads-page')).toBeVisible();
  }
});
