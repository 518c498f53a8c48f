import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ko, text } from './support/catalogs';
import { test, expect } from './support/fixtures';
import { invoke } from './support/invoke';

const SCREENS_DIR = path.resolve('test-results/screens');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `i18n-${name}.png`) });

/** Words a Korean screen may still show: proper names (the language selector says "English"), units, and what the user typed. */
const ALLOWED = /\b(English|Lectern|S3|ID|AWS|MinIO|Swift|Wasabi|KB|MB|GB|Ctrl|macOS)\b/g;

/** The Latin words left on screen once proper names, units and the given user data are taken out. */
async function englishLeft(scope: Locator, userData: string[]): Promise<string[]> {
  let shown = await scope.innerText();
  for (const d of userData) shown = shown.split(d).join(' ');
  return shown.replace(ALLOWED, ' ').match(/[A-Za-z]{2,}/g) ?? [];
}

test.use({ viewport: { width: 1280, height: 1000 } });

test('publishing and the Updates / Diagnostics settings in Korean show no English UI text', async ({ page, host }) => {
  await page.goto(host.url);
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

  // Settings: Updates through available → downloading → ready with the scripted updater, and Diagnostics.
  const updates = page.getByTestId('updates');
  await expect(updates.getByRole('heading', { name: text(ko, 'updates.heading') })).toBeVisible();
  await expect(page.getByTestId('updates-last-check')).toHaveText(text(ko, 'updates.never'));
  await expect(page.getByTestId('updates-check')).toHaveText(text(ko, 'updates.checkNow'));
  await expect(page.getByTestId('diagnostics-export')).toHaveText(text(ko, 'diagnostics.export'));
  await page.getByTestId('updates-check').click();
  await expect(page.getByTestId('updates-download')).toHaveText(text(ko, 'updates.download'));
  await expect(updates.getByText(/업데이트를 사용할 수 있습니다\(96\.0 MB\)/)).toBeVisible();
  await page.getByTestId('updates-download').click();
  await expect(page.getByTestId('updates-install')).toHaveText(text(ko, 'updates.restart'), { timeout: 10_000 });
  await expect(updates.getByText('Lectern 9.9.0 다운로드와 검증을 마쳤습니다.')).toBeVisible();
  const notes = (await page.getByTestId('updates-notes').count()) > 0 ? [await page.getByTestId('updates-notes').innerText()] : [];
  const settings = page.getByRole('main', { name: text(ko, 'settings.title') });
  expect(await englishLeft(settings, ['1.0.0-test-host', '9.9.0', ...notes])).toEqual([]);
  await shot(page, 'settings-updates-ko');

  // Publishing: a hub card, a course row and the empty queue.
  await invoke(page, 'hubs.create', {
    name: '강좌 허브',
    endpoint: 'https://s3.eu-west-1.amazonaws.com',
    region: 'eu-west-1',
    bucket: 'lectern-courses',
    keyPrefix: 'hub',
    pathStyle: false,
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: 'not-a-real-secret',
  });
  await invoke(page, 'courses.create', { title: '데이터 분석' });
  await page.keyboard.press('Control+2');
  const area = page.getByRole('main', { name: text(ko, 'publishing.title') });
  await expect(area.getByRole('heading', { level: 1 })).toHaveText(text(ko, 'publishing.title'));
  await expect(page.getByTestId('hub-card')).toHaveCount(1);
  await expect(page.getByTestId('hub-test')).toHaveText(text(ko, 'hubs.test'));
  await expect(page.getByTestId('publish-course')).toContainText('강의 0개');
  await expect(page.getByTestId('queue-empty')).toHaveText(text(ko, 'publishing.queue.empty'));
  const hubData = ['강좌 허브', 'https://s3.eu-west-1.amazonaws.com', 'lectern-courses', 'hub', '데이터 분석'];
  expect(await englishLeft(area, hubData)).toEqual([]);
  await shot(page, 'publishing-ko');

  // The hub form, Advanced opened.
  await page.getByTestId('hub-edit').click();
  const form = page.getByTestId('hub-form');
  await expect(form).toHaveAccessibleName('허브 강좌 허브 편집');
  await form.getByText(text(ko, 'hubs.form.advanced')).click();
  await expect(page.getByTestId('hub-sessionToken')).toBeVisible();
  await expect(page.getByTestId('hub-save')).toHaveText(text(ko, 'hubs.form.save'));
  // "lectern/" is the example folder in the key prefix hint.
  expect(await englishLeft(form, [...hubData, 'eu-west-1', 'AKIAEXAMPLE', 'lectern/'])).toEqual([]);
  await shot(page, 'publishing-hub-form-ko');
  await form.getByRole('button', { name: text(ko, 'hubs.form.cancel') }).click();

  // The pre-publish check: Lectern's own words are Korean; the problems themselves come from the service.
  await page.getByTestId('publish-course-button').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('“데이터 분석” 강좌를 강좌 허브에 게시');
  await expect(page.getByTestId('publish-problems')).toContainText(text(ko, 'publishing.dialog.fixFirst'));
  await expect(dialog.getByRole('button', { name: text(ko, 'publishing.dialog.close') })).toBeVisible();
  await shot(page, 'publish-dialog-ko');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
