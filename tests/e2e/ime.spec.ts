import path from 'node:path';
import { writeCatalog } from '../helpers/catalog-hub';
import { serveHub, writeManifest, writeSyntheticPackage } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { addLecture, cliShowCourse, expectAllSaved, lectures, section, sections } from './support/drafts-ui';
import { committedPrefixes, hangulStrings, koreanIme, recordIpc, sentRequests } from './support/ime';
import { guardPage } from './support/page-guard';

/**
 * Korean typed through an IME (driven over CDP): Enter, Escape and shortcuts pressed while a syllable is
 * being composed belong to the IME, and autosave never stores a half-built syllable.
 */

const HELLO = '안녕하세요 여러분';
/** Longer than the autosave's longest wait (600 ms): a timed save would have fired by then. */
const HOLD_MS = 900;

let guard: ReturnType<typeof guardPage>;

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeEach(async ({ page }) => {
  guard = guardPage(page);
  await recordIpc(page);
});

test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

/** Every Hangul text the page sent to be stored is whole syllables: a prefix of what was finally typed. */
async function expectNoPartialSyllableSent(page: Parameters<typeof sentRequests>[0], finals: string[]): Promise<void> {
  const allowed = new Set(finals.flatMap((f) => [...committedPrefixes(f)]));
  const sent = (await sentRequests(page)).filter((r) => r.channel !== 'catalog.list');
  const texts = sent.flatMap((r) => hangulStrings(r.input));
  expect(texts.length, 'autosave sent the Korean text at least once').toBeGreaterThan(0);
  const stripped = texts.map((t) => t.replace(/<[^>]*>/g, ''));
  expect(stripped.filter((t) => !allowed.has(t)), 'saved values that end in a half-built syllable').toEqual([]);
}

test('titles typed in Korean: Enter mid-syllable neither adds nor saves half a syllable', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  const ime = await koreanIme(page);

  // The course title: the placeholder is selected, so the composition replaces it.
  const courseTitle = page.getByTestId('course-title');
  await expect(courseTitle).toBeFocused();
  await ime.type(HELLO, { holdMs: HOLD_MS });
  await expect(courseTitle).toHaveValue(HELLO);

  // New section: Enter while the last syllable is composing — both as the IME reports it (229) and as a
  // plain Enter key event — must not create the section.
  const newSection = page.getByTestId('new-section-title');
  await newSection.focus();
  await ime.type(HELLO, {
    holdMs: HOLD_MS,
    beforeLastCommit: async () => {
      await ime.imeKey('Enter');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      await expect(sections(page)).toHaveCount(0);
    },
  });
  await expect(newSection).toHaveValue(HELLO);
  await expect(sections(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(sections(page)).toHaveCount(1);
  await expect(section(page, 0).getByTestId('section-title')).toHaveValue(HELLO);
  await expect(newSection).toHaveValue('');

  // A section title and a lecture title, retyped in Korean.
  const sectionTitle = section(page, 0).getByTestId('section-title');
  await sectionTitle.focus();
  await page.keyboard.press('Control+a');
  await ime.type('기초', { holdMs: HOLD_MS });
  await addLecture(page, 0, 'Placeholder');
  const lectureTitle = lectures(section(page, 0)).first().getByTestId('lecture-title');
  await lectureTitle.focus();
  await page.keyboard.press('Control+a');
  // Alt+ArrowDown while composing would move the lecture; there is only one, so Enter is the check here.
  await ime.type(HELLO, { holdMs: HOLD_MS, beforeLastCommit: () => ime.imeKey('Enter') });
  await expect(lectureTitle).toHaveValue(HELLO);
  await lectureTitle.blur();
  await expectAllSaved(page);

  const stored = await cliShowCourse(host.dataDir, courseId);
  expect(stored.title).toBe(HELLO);
  expect(stored.sections.map((s) => s.title)).toEqual(['기초']);
  expect(stored.sections[0]!.lectures.map((l) => l.title)).toEqual([HELLO]);
  await expectNoPartialSyllableSent(page, [HELLO, '기초']);
});

test('the course description in Korean: at the start of a line, in a list and a heading, Enter mid-syllable never splits the block', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  const ime = await koreanIme(page);
  const editor = page.getByTestId('course-description');
  await editor.click();

  // Start of the (empty) first line, with Enter pressed while the last syllable is composing.
  await ime.type(HELLO, { holdMs: HOLD_MS, beforeLastCommit: () => ime.imeKey('Enter') });
  await expect(editor.locator('p')).toHaveText([HELLO]);
  await page.keyboard.press('Enter');

  // A list item.
  await page.getByRole('button', { name: 'Bulleted list' }).click();
  await ime.type(HELLO, { holdMs: HOLD_MS, beforeLastCommit: () => ime.imeKey('Enter') });
  await expect(editor.locator('li')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(editor.locator('li')).toHaveCount(1);

  // A heading.
  await page.getByRole('button', { name: 'Heading', exact: true }).click();
  await ime.type(HELLO, { holdMs: HOLD_MS, beforeLastCommit: () => ime.imeKey('Enter') });
  await expect(editor.locator('h2')).toHaveText(HELLO);

  // Escape while composing in the link field leaves it open; the link is what was composed.
  await page.keyboard.press('Shift+Home');
  await page.getByRole('button', { name: 'Add link' }).click();
  const url = page.getByTestId('rich-text-link-input');
  await url.fill('example.com/');
  await ime.setComposition('ㅇ');
  await ime.imeKey('Escape');
  await page.keyboard.press('Escape');
  await expect(url).toBeVisible();
  await ime.commit('');
  await page.keyboard.press('Escape');
  await expect(url).toBeHidden();

  await editor.blur();
  await expectAllSaved(page);
  const expected = `<p>${HELLO}</p><ul><li><p>${HELLO}</p></li></ul><h2>${HELLO}</h2>`;
  expect((await cliShowCourse(host.dataDir, courseId)).description).toBe(expected);
  // Saved on the way: only ever the text up to a finished syllable.
  await expectNoPartialSyllableSent(page, [HELLO.repeat(3)]);
});

test('the catalog search takes a composed Korean query', async ({ page, host }) => {
  const tmp = tempDir('lectern-e2e-ime-hub-');
  const hubRoot = path.join(tmp.dir, 'hub');
  writeSyntheticPackage(hubRoot, { segments: 2 });
  writeManifest(hubRoot, { root: { title: `${HELLO}: 신호 처리` } });
  writeCatalog(hubRoot, { subtitle: '샘플링' });
  const hub = await serveHub(hubRoot);
  try {
    await page.goto(host.url);
    await page.getByTestId('area-library').click();
    await page.getByTestId('hub-url').fill(hub.url);
    await page.getByTestId('hub-url').press('Enter');
    await expect(page.getByTestId('catalog-course')).toHaveCount(1);

    const ime = await koreanIme(page);
    const search = page.getByTestId('catalog-search');
    await search.focus();
    await ime.type(HELLO, { beforeLastCommit: () => ime.imeKey('Enter') });
    await expect(search).toHaveValue(HELLO);
    await expect(page.getByTestId('catalog-course')).toHaveCount(1);
    await expect(page.getByTestId('catalog-course')).toContainText(HELLO);
    await ime.type('없는');
    await expect(page.getByText(`No course matches “${HELLO}없는”.`)).toBeVisible();
  } finally {
    await hub.close();
    tmp.cleanup();
  }
});

test('Escape while composing in a dialog cancels the composition, not the dialog', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  await page.getByTestId('delete-course').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  // The confirm dialog has no text field of its own; a field placed in it stands for one (the publish
  // dialog's limit, the trim editor's times): the guard is the dialog's, whatever field composes.
  await dialog.evaluate((d) => {
    const input = document.createElement('input');
    input.setAttribute('data-testid', 'dialog-field');
    d.querySelector('.dialog-body')!.append(input);
  });
  await dialog.getByTestId('dialog-field').focus();
  const ime = await koreanIme(page);
  await ime.setComposition('ㅇ');
  await ime.imeKey('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(dialog).toBeVisible();
  await ime.commit('아');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('course-item')).toHaveCount(1);
});
