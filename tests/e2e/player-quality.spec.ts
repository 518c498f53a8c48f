import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeCatalog } from '../helpers/catalog-hub';
import { serveHub, writeFfmpegPackage, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { guardPage } from './support/page-guard';

/**
 * A lecture downloaded with two qualities (the fixture's 360p and 180p, sharing one audio rendition)
 * through the download dialog, then played with the hub switched off: the player's quality menu lists
 * both and switching changes the rendition that plays, while playback keeps going.
 */

const SECONDS = 20;
const tmp = tempDir('lectern-e2e-quality-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub | null = null;

test.beforeAll(() => {
  writeFfmpegPackage(hubRoot, { seconds: SECONDS });
  writeCatalog(hubRoot);
});

test.afterAll(async () => {
  await hub?.close().catch(() => {});
  tmp.cleanup();
});

const video = (page: Page) => page.getByTestId('player-video');
const currentTime = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.currentTime);
const videoHeight = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.videoHeight);

test('a lecture downloaded in two qualities switches between them offline from the quality menu', async ({ page, host }) => {
  test.setTimeout(90_000);
  // The hub going away is the point: the player must not need it.
  const guard = guardPage(page, [/Failed to load resource/]);
  hub = await serveHub(hubRoot);
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  await page.getByTestId('hub-url').fill(hub.url);
  await page.getByTestId('hub-url').press('Enter');
  await page.getByTestId('catalog-course').getByRole('button', { name: /^Open / }).click();

  // The dialog offers every quality with its size; ticking both sizes them together (audio once).
  await page.getByRole('button', { name: 'Download Sampling' }).click();
  const dialog = page.getByTestId('download-dialog');
  await expect(dialog.getByTestId('download-total')).toContainText('(360p)');
  const oneBytes = await dialog.getByTestId('download-confirm').textContent();
  await dialog.getByTestId('download-quality').selectOption('several');
  const options = dialog.getByTestId('download-quality-option');
  await expect(options).toHaveCount(2);
  await expect(dialog.getByTestId('download-qualities')).toContainText(/360p · [\d.]+ (KB|MB)/);
  await expect(dialog.getByTestId('download-qualities')).toContainText(/180p · [\d.]+ (KB|MB)/);
  await expect(options.nth(0)).toBeChecked();
  await expect(options.nth(1)).toBeChecked();
  await expect(dialog.getByTestId('download-total')).toContainText('(360p, 180p)');
  expect(await dialog.getByTestId('download-confirm').textContent()).not.toBe(oneBytes);
  // Unticking everything leaves nothing to confirm; ticking again brings the plan back.
  await options.nth(0).uncheck();
  await options.nth(1).uncheck();
  await expect(dialog.getByText('Choose at least one quality.')).toBeVisible();
  await expect(dialog.getByTestId('download-confirm')).toBeDisabled();
  await options.nth(1).check();
  await options.nth(0).check();
  await expect(dialog.getByTestId('download-total')).toContainText('(360p, 180p)');
  await dialog.getByTestId('download-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('download-state')).toContainText('Downloaded · 360p, 180p', { timeout: 30_000 });

  await hub.close();
  hub = null;

  await page.getByTestId('library-nav-downloads').click();
  await page.getByRole('button', { name: 'Play Sampling' }).click();
  await video(page).evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);

  const menu = page.getByTestId('player-quality');
  await expect(menu).toBeEnabled();
  await expect(menu.locator('option')).toHaveText([/^Auto/, '360p', '180p']);

  for (const [label, height] of [
    ['180p', 180],
    ['360p', 360],
  ] as const) {
    await menu.selectOption({ label });
    await expect.poll(() => videoHeight(page), { timeout: 15_000 }).toBe(height);
    await expect(menu).toHaveAttribute('data-active', label);
    // Still playing after the switch.
    const at = await currentTime(page);
    await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(at + 0.5);
  }

  // Back to automatic: the menu says which quality is playing.
  await menu.selectOption({ index: 0 });
  await expect(menu.locator('option').first()).toHaveText(/^Auto \((360p|180p)\)$/);
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});
