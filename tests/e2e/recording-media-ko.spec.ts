import path from 'node:path';
import type { Locator } from '@playwright/test';
import { recordingLaunchOptions } from './support/chromium';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { en, ko, text } from './support/catalogs';
import { test, expect } from './support/fixtures';

// Fake camera and microphone, so the device pickers and level meter are drawn as for a real instructor.
test.use({ viewport: { width: 1280, height: 800 }, launchOptions: recordingLaunchOptions() });

/** Latin words left in a region once device and window names (the system's, not Lectern's) are set aside. */
async function latinWords(region: Locator): Promise<string[]> {
  const shown = await region.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const name of copy.querySelectorAll('select option:not([value=""]), .rec-source-name')) name.remove();
    return copy.innerText;
  });
  const proper = new Set(['Lectern', 'HLS', 'MP4', 'fps']);
  return (shown.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !proper.has(w));
}

test('the lecture media panel and the recording studio read in Korean, and switch back to English at once', async ({ page, host }) => {
  await page.goto(host.url);
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.keyboard.press('Control+1');
  await page.getByTestId('create-first-course').click();
  await addSection(page, '1주차');
  await addLecture(page, 0, '소개');
  const row = lectures(page).first();

  const summary = row.getByTestId('media-summary');
  await expect(summary).toHaveText(new RegExp(`${text(ko, 'media.summary.noVideo')}$`));
  await summary.click();
  const panel = row.getByTestId('lecture-media');
  await expect(panel.getByTestId('media-empty')).toHaveText(text(ko, 'media.empty'));
  await expect(panel.getByTestId('media-add')).toHaveText(text(ko, 'media.addVideo'));
  await expect(panel.getByTestId('media-record')).toHaveText(text(ko, 'media.record'));
  expect(await latinWords(panel)).toEqual([]);

  await panel.getByTestId('media-record').click();
  const studio = page.getByTestId('recording-panel');
  await expect(studio).toBeVisible();
  await expect(studio.getByTestId('rec-camera')).not.toHaveValue('');
  await expect(studio.getByRole('heading', { level: 2 })).toHaveText('소개 녹화');
  await expect(studio.getByTestId('rec-record')).toHaveText(text(ko, 'recording.record'));
  await expect(studio.getByTestId('rec-camera').locator('option[value=""]')).toHaveText(text(ko, 'recording.noCamera'));
  await expect(studio.getByRole('combobox', { name: text(ko, 'recording.microphone') })).toBeVisible();
  expect(await latinWords(studio)).toEqual([]);
  await page.screenshot({ path: path.resolve('test-results/screens/i18n-recording-ko.png') });

  // Closing needs the studio's own Close; then English, without reopening anything but Settings.
  await studio.getByTestId('rec-close').click();
  await expect(studio).toHaveCount(0);
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('en');
  await page.keyboard.press('Control+1');
  await expect(row.getByTestId('media-summary')).toHaveText(new RegExp(`${text(en, 'media.summary.noVideo')}$`));
  await expect(row.getByTestId('media-empty')).toHaveText(text(en, 'media.empty'));
});
