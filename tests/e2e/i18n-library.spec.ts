import path from 'node:path';
import { en, ko, text } from './support/catalogs';
import { test, expect } from './support/fixtures';

const SCREENS_DIR = path.resolve('test-results/screens');

test('the library without a hub, its downloads and storage read in Korean, and switch back to English at once', async ({ page, host }) => {
  await page.goto(host.url);
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('ko');
  await page.keyboard.press('Control+3');

  const library = page.getByRole('main', { name: text(ko, 'area.library') });
  await expect(library.getByRole('navigation', { name: text(ko, 'library.sections') })).toBeVisible();
  await expect(page.locator('.library-nav-item')).toHaveText([text(ko, 'library.nav.catalog'), text(ko, 'library.nav.downloads'), text(ko, 'library.nav.storage')]);
  const empty = page.getByTestId('library-empty');
  await expect(empty.getByRole('heading')).toHaveText(text(ko, 'library.empty.title'));
  await expect(empty.getByText(text(ko, 'library.empty.body'))).toBeVisible();
  await expect(empty.getByText(text(ko, 'library.addHub.address'))).toBeVisible();
  await expect(empty.getByRole('button', { name: text(ko, 'library.addHub.submit') })).toBeVisible();
  await expect(empty.getByText(text(ko, 'library.credentials.uses'))).toBeVisible();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-library-empty-ko.png') });

  await page.getByTestId('library-nav-downloads').click();
  await expect(page.getByTestId('downloads-page').getByRole('heading', { level: 1 })).toHaveText(text(ko, 'downloads.title'));
  await expect(page.getByText(text(ko, 'downloads.empty'))).toBeVisible();
  await page.getByTestId('library-nav-storage').click();
  await expect(page.getByTestId('storage-page').getByRole('heading', { level: 1 })).toHaveText(text(ko, 'library.nav.storage'));
  await expect(page.getByText(text(ko, 'library.storage.empty'))).toBeVisible();
  // The summary's sizes come from Intl and its folder is the user's: only the words around them are checked.
  await expect(page.getByTestId('storage-summary')).toContainText('암호화되어 저장됩니다');
  await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-library-storage-ko.png') });

  // Back to English without a reload: the open page redraws.
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('en');
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('storage-page').getByRole('heading', { level: 1 })).toHaveText(text(en, 'library.nav.storage'));
  await expect(page.getByText(text(en, 'library.storage.empty'))).toBeVisible();
});
