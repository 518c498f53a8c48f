import path from 'node:path';
import type { Page } from '@playwright/test';
import { en, ko, text } from './support/catalogs';
import { test, expect } from './support/fixtures';
import { addLecture, addSection, lectures, section } from './support/drafts-ui';

async function chooseLanguage(page: Page, lang: string): Promise<void> {
  await page.keyboard.press('Control+4');
  await page.getByTestId('language-select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.keyboard.press('Control+1');
}

test('the course editor, outline, rich text and undo read in Korean, and switch back to English at once', async ({ page, host }) => {
  await page.goto(host.url);
  await chooseLanguage(page, 'ko');
  await page.getByTestId('create-first-course').click();

  const editor = page.getByTestId('course-editor');
  // A new course's placeholder title is written in the language the author works in.
  await expect(page.getByTestId('course-title')).toHaveValue(text(ko, 'editor.untitledCourse'));
  await expect(page.getByTestId('save-status')).toHaveText(text(ko, 'ui.saveStatus.saved'));
  await expect(editor.getByRole('heading', { name: text(ko, 'editor.outline.heading') })).toBeVisible();
  await expect(page.getByTestId('empty-outline')).toContainText('아직 섹션이 없습니다.');
  await expect(page.getByTestId('new-section-title')).toHaveAttribute('placeholder', text(ko, 'editor.outline.newSectionTitle'));
  await expect(page.getByTestId('new-section-submit')).toHaveText(text(ko, 'editor.outline.addSection'));
  await expect(page.getByTestId('course-encoding').locator('option')).toHaveText([text(ko, 'editor.encoding.smaller'), text(ko, 'editor.encoding.balanced'), text(ko, 'editor.encoding.higher')]);
  await expect(page.getByTestId('cover-choose')).toHaveText(text(ko, 'editor.cover.choose'));

  await addSection(page, '기초');
  await addLecture(page, 0, '안녕하세요 여러분');
  const s = section(page, 0);
  await expect(s.locator('.section-eyebrow')).toHaveText(text(ko, 'editor.section.eyebrow', { number: '1' }));
  await expect(s.getByTestId('section-delete')).toHaveAttribute('aria-label', text(ko, 'editor.section.delete', { number: '1' }));
  const row = lectures(s).first();
  await expect(row.getByTestId('lecture-status').locator('option')).toHaveText([text(ko, 'editor.lecture.statusDraft'), text(ko, 'editor.lecture.statusReady')]);
  await expect(row.getByTestId('lecture-delete')).toHaveAttribute('aria-label', text(ko, 'editor.lecture.delete', { number: '1.1' }));

  await row.getByTestId('lecture-summary-toggle').click();
  const toolbar = row.getByRole('toolbar');
  await expect(toolbar).toHaveAttribute('aria-label', text(ko, 'richText.toolbar', { label: text(ko, 'editor.lecture.summary') }));
  await expect(toolbar.getByRole('button', { name: text(ko, 'richText.bold') })).toBeVisible();
  await expect(row.getByTestId('lecture-summary').locator('p').first()).toHaveAttribute('data-placeholder', text(ko, 'editor.lecture.summaryPlaceholder'));
  await page.screenshot({ path: path.resolve('test-results/screens/i18n-editor-ko.png') });

  await row.getByTestId('lecture-delete').click();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText(text(ko, 'undo.deletedLecture', { title: '안녕하세요 여러분' }));
  await expect(page.getByTestId('undo-button')).toHaveText(text(ko, 'undo.undo'));
  await expect(s.locator('.empty-hint')).toHaveText(text(ko, 'editor.section.empty'));

  // Back to English while the toast is up: it and the editor redraw, byte for byte the English catalog.
  await chooseLanguage(page, 'en');
  await expect(toast).toContainText('Deleted lecture “안녕하세요 여러분”');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await expect(editor.getByRole('heading', { name: 'Curriculum' })).toBeVisible();
  await expect(section(page, 0).locator('.section-eyebrow')).toHaveText(text(en, 'editor.section.eyebrow', { number: '1' }));
  await expect(section(page, 0).locator('.empty-hint')).toHaveText('No lectures yet. Add the first one below, or drag one here.');
});
