import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';

type Catalog = Record<string, string>;
// Read as files: the assertions are against the shipped catalogs, whatever they say.
const catalog = (lang: string): Catalog => JSON.parse(fs.readFileSync(path.resolve('renderer/src/i18n/messages', `${lang}.json`), 'utf8')) as Catalog;
/** A message from a catalog; a missing key fails the test with its name rather than comparing to undefined. */
const text = (c: Catalog, key: string): string => {
  const value = c[key];
  if (value === undefined) throw new Error(`The catalog has no message "${key}"`);
  return value;
};
const en = catalog('en');
const ko = catalog('ko');

const SCREENS_DIR = path.resolve('test-results/screens');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, `i18n-${name}.png`) });

/** The area tabs as the catalog names them, in tab order. */
const tabs = (m: Catalog) => [text(m, 'area.studio'), text(m, 'area.publishing'), text(m, 'area.library'), text(m, 'area.settings')];

test('switching to 한국어 in Settings redraws the open screen at once, is remembered across a reload, and back to English', async ({ page, host }) => {
  await page.goto(host.url);
  // Fresh data folder, Chromium in English: the welcome panel and tabs read exactly as the English catalog.
  await expect(page.getByTestId('welcome-panel').getByRole('heading')).toHaveText(text(en, 'welcome.title'));
  await expect(page.locator('.area-tab')).toHaveText(tabs(en));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.keyboard.press('Control+4');
  const select = page.getByTestId('language-select');
  await select.selectOption('ko');

  // Settings itself, without a restart.
  await expect(page.getByRole('main', { name: text(ko, 'settings.title') }).getByRole('heading', { level: 1 })).toHaveText(text(ko, 'settings.title'));
  await expect(page.getByRole('heading', { name: text(ko, 'settings.language.heading') })).toBeVisible();
  await expect(page.locator('.area-tab')).toHaveText(tabs(ko));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page).toHaveTitle(`${text(ko, 'area.settings')} — Lectern`);
  await shot(page, 'settings-ko');

  // The studio: welcome panel, then the course list once a course exists.
  await page.keyboard.press('Control+1');
  const welcome = page.getByTestId('welcome-panel');
  await expect(welcome.getByRole('heading')).toHaveText(text(ko, 'welcome.title'));
  await expect(welcome.getByText(text(ko, 'welcome.intro'))).toBeVisible();
  await expect(welcome.getByText(text(ko, 'welcome.note'))).toBeVisible();
  await expect(page.getByTestId('create-first-course')).toHaveText(text(ko, 'welcome.create'));
  await expect(page.getByTestId('new-course')).toHaveText(text(ko, 'courses.new'));
  await shot(page, 'welcome-ko');

  await page.getByTestId('create-first-course').click();
  await expect(page.getByTestId('course-item')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: text(ko, 'courses.heading') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: text(ko, 'courses.nav') })).toBeVisible();
  await expect(page.getByTestId('course-item').locator('.course-item-meta')).toContainText(/섹션 \d+개 · 강의 \d+개/);
  await shot(page, 'course-list-ko');

  // Remembered: a reload comes back in Korean.
  await page.reload();
  await expect(page.locator('.area-tab')).toHaveText(tabs(ko));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { name: text(ko, 'courses.heading') })).toBeVisible();

  // And back: English is byte-identical to the English catalog again.
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.locator('.area-tab')).toHaveText(tabs(en));
  await expect(page.getByRole('main', { name: text(en, 'settings.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
