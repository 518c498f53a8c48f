import { test, expect } from './support/fixtures';
import { addLecture, addSection, cliShowCourse, dragTo, expectAllSaved, lectures, outline, outlineOf, saveStatus, section, sections } from './support/drafts-ui';
import { guardPage } from './support/page-guard';

let guard: ReturnType<typeof guardPage>;

// A desktop window, tall enough that a course outline and its drop targets fit without scrolling.
test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeEach(({ page }) => {
  guard = guardPage(page);
});

test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

test('an instructor builds, reorders, renames, reloads, deletes and undoes a course', async ({ page, host }) => {
  await page.goto(host.url);

  // First run: the welcome panel explains the structure and offers one way to start.
  const welcome = page.getByTestId('welcome-panel');
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('Sections');
  await expect(page.getByTestId('app-info')).toContainText(`Data: ${host.dataDir}`);
  await welcome.getByRole('button', { name: 'Create your first course' }).click();

  // The new course's placeholder title is selected, so typing replaces it.
  const title = page.getByTestId('course-title');
  await expect(title).toBeFocused();
  await page.keyboard.type('Rust for Data People');
  await expect(title).toHaveValue('Rust for Data People');
  await expectAllSaved(page);
  await expect(page.getByTestId('course-item')).toHaveText(/Rust for Data People/);
  await expect(page.getByTestId('empty-outline')).toBeVisible();

  await addSection(page, 'Basics');
  await addSection(page, 'Advanced');
  await addLecture(page, 0, 'Variables');
  await addLecture(page, 0, 'Functions');
  await addLecture(page, 1, 'Traits');
  await expect(lectures(section(page, 0)).first().getByTestId('lecture-duration')).toHaveText(/—/);
  expect(await outline(page)).toEqual([
    { title: 'Basics', lectures: ['Variables', 'Functions'] },
    { title: 'Advanced', lectures: ['Traits'] },
  ]);

  // Drag and drop with the mouse: "Advanced" above "Basics".
  await dragTo(page, section(page, 1).getByTestId('section-handle'), section(page, 0), 'above');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Advanced', lectures: ['Traits'] },
    { title: 'Basics', lectures: ['Variables', 'Functions'] },
  ]);
  await expectAllSaved(page);

  // Keyboard: Alt+ArrowDown on a focused row moves it down; focus stays on it for the next press.
  const variables = lectures(section(page, 1)).first().getByTestId('lecture-title');
  await variables.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Advanced', lectures: ['Traits'] },
    { title: 'Basics', lectures: ['Functions', 'Variables'] },
  ]);
  await expect(lectures(section(page, 1)).nth(1).getByTestId('lecture-title')).toBeFocused();
  // At the top of a section, Alt+ArrowUp carries the lecture into the end of the section above.
  await lectures(section(page, 1)).first().getByTestId('lecture-title').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Advanced', lectures: ['Traits', 'Functions'] },
    { title: 'Basics', lectures: ['Variables'] },
  ]);
  // And the visible button brings it back.
  await lectures(section(page, 0)).nth(1).getByTestId('lecture-move-down').click();
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Advanced', lectures: ['Traits'] },
    { title: 'Basics', lectures: ['Functions', 'Variables'] },
  ]);
  await expectAllSaved(page);

  // Rename a section and a lecture; mark a lecture as a free preview and ready.
  await section(page, 1).getByTestId('section-title').fill('Getting started');
  await lectures(section(page, 1)).first().getByTestId('lecture-title').fill('Functions & closures');
  await lectures(section(page, 1)).nth(1).getByTestId('lecture-free-preview').check();
  await lectures(section(page, 1)).nth(1).getByTestId('lecture-status').selectOption('ready');
  await expectAllSaved(page);

  const expected = [
    { title: 'Advanced', lectures: ['Traits'] },
    { title: 'Getting started', lectures: ['Functions & closures', 'Variables'] },
  ];
  await page.reload();
  await expect(sections(page)).toHaveCount(2);
  expect(await outline(page)).toEqual(expected);
  await expect(page.getByTestId('course-title')).toHaveValue('Rust for Data People');
  await expect(lectures(section(page, 1)).nth(1).getByTestId('lecture-free-preview')).toBeChecked();
  await expect(lectures(section(page, 1)).nth(1).getByTestId('lecture-status')).toHaveValue('ready');
  await expect(lectures(section(page, 1)).first().getByTestId('lecture-free-preview')).not.toBeChecked();

  // The CLI sees exactly what the UI built.
  const courseId = await page.getByTestId('course-editor').getAttribute('data-course-id');
  expect(courseId).toBeTruthy();
  const fromCli = await cliShowCourse(host.dataDir, courseId!);
  expect(fromCli.title).toBe('Rust for Data People');
  expect(outlineOf(fromCli)).toEqual(expected);
  expect(fromCli.sections[1]!.lectures[1]).toMatchObject({ freePreview: true, status: 'ready', durationSec: null });

  // Delete a lecture, then undo from the toast.
  await lectures(section(page, 1)).first().getByTestId('lecture-delete').click();
  await expect(lectures(section(page, 1))).toHaveCount(1);
  // Focus moves to the same button in the next row instead of falling back to the page.
  await expect(lectures(section(page, 1)).first().getByTestId('lecture-delete')).toBeFocused();
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Deleted lecture “Functions & closures”');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toBeHidden();
  await expect.poll(() => outline(page)).toEqual(expected);

  // Deleting the course asks first, naming it; Escape cancels.
  await page.getByTestId('delete-course').click();
  const dialog = page.getByRole('dialog', { name: 'Delete this course?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Rust for Data People');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('course-editor')).toBeVisible();

  await page.getByTestId('delete-course').click();
  await dialog.getByRole('button', { name: 'Delete course' }).click();
  await expect(page.getByTestId('welcome-panel')).toBeVisible();
  await expect(toast).toContainText('Deleted course “Rust for Data People”');
  // Ctrl+Z (focus is not in a text field) undoes it, sections and lectures included.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('course-editor')).toBeVisible();
  await expect(page.getByTestId('course-title')).toHaveValue('Rust for Data People');
  await expect.poll(() => outline(page)).toEqual(expected);
  await expectAllSaved(page);
});

test('a blank title shows an inline error and is not saved', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  const title = page.getByTestId('course-title');
  await title.fill('Linear Algebra');
  await expectAllSaved(page);

  await title.fill('   ');
  const error = page.locator('.course-title-field').getByTestId('field-error');
  await expect(error).toHaveText('Title cannot be empty');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('Title cannot be empty');
  await expect(saveStatus(page)).toHaveText("Couldn't save: Title cannot be empty");

  // A blank new section is refused the same way, next to its field.
  const newSection = page.getByTestId('new-section-title');
  await newSection.fill(' ');
  await newSection.press('Enter');
  await expect(page.locator('.outline .add-item').getByTestId('field-error')).toHaveText('Title cannot be empty');
  await expect(sections(page)).toHaveCount(0);

  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  expect((await cliShowCourse(host.dataDir, courseId)).title).toBe('Linear Algebra');

  // Fixing it clears the error and saves.
  await title.fill('Linear Algebra II');
  await expect(error).toBeHidden();
  await expectAllSaved(page);
  await page.reload();
  await expect(page.getByTestId('course-title')).toHaveValue('Linear Algebra II');
});

test('long Korean, emoji and right-to-left titles round-trip intact', async ({ page, host }) => {
  const korean = '한국어 강의 제목 '.repeat(1000).slice(0, 10_000);
  const rtl = 'مرحبا بالعالم 👋🏽 درس أول';
  const emoji = 'Family 👨‍👩‍👧‍👦 + flags 🇰🇷🇸🇦 + שלום';
  expect(korean).toHaveLength(10_000);

  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await page.getByTestId('course-title').fill(korean);
  await addSection(page, rtl);
  await addLecture(page, 0, emoji);
  await expectAllSaved(page);

  await page.reload();
  await expect(page.getByTestId('course-title')).toHaveValue(korean);
  await expect(page.getByTestId('course-title')).toHaveAttribute('dir', 'auto');
  expect(await outline(page)).toEqual([{ title: rtl, lectures: [emoji] }]);
  await expect(section(page, 0).getByTestId('section-title')).toHaveAttribute('dir', 'auto');
  const listed = await page.getByTestId('course-item').locator('.course-item-title').textContent();
  expect(listed).toBe(korean);
});

test('lectures move between sections by mouse, and sections by the keyboard drag sensor', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  for (const s of ['Alpha', 'Beta', 'Gamma']) await addSection(page, s);
  await addLecture(page, 0, 'a1');
  await addLecture(page, 0, 'a2');
  await addLecture(page, 1, 'b1');
  await expectAllSaved(page);

  // Over the lower half of a lecture in another section: it lands after that lecture.
  await dragTo(page, lectures(section(page, 0)).first().getByTestId('lecture-handle'), lectures(section(page, 1)).first(), 'below');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Alpha', lectures: ['a2'] },
    { title: 'Beta', lectures: ['b1', 'a1'] },
    { title: 'Gamma', lectures: [] },
  ]);
  await expectAllSaved(page);

  // Into a section that has no lectures yet.
  await dragTo(page, lectures(section(page, 0)).first().getByTestId('lecture-handle'), section(page, 2).locator('.lecture-list'), 'below');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Alpha', lectures: [] },
    { title: 'Beta', lectures: ['b1', 'a1'] },
    { title: 'Gamma', lectures: ['a2'] },
  ]);
  await expectAllSaved(page);

  // dnd-kit's keyboard sensor: Space picks up, arrows move, Space drops.
  // Each step waits for the screen-reader announcement, as the sensor listens only once picked up.
  const announcer = page.locator('[id^="DndLiveRegion"]');
  await section(page, 2).getByTestId('section-handle').focus();
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText(/Picked up section “Gamma”/);
  // The sensor starts listening a tick after the pick-up is announced; a press before that is lost
  // (nothing moves), so press again only if nothing was announced.
  await expect(async () => {
    await page.keyboard.press('ArrowUp');
    await expect(announcer).toHaveText('“Gamma” is over “Beta”.', { timeout: 1500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText('Dropped “Gamma”.');
  const expected = [
    { title: 'Alpha', lectures: [] },
    { title: 'Gamma', lectures: ['a2'] },
    { title: 'Beta', lectures: ['b1', 'a1'] },
  ];
  await expect.poll(() => outline(page)).toEqual(expected);
  await expectAllSaved(page);

  await page.reload();
  await expect(sections(page)).toHaveCount(3);
  expect(await outline(page)).toEqual(expected);
});

test('typing is never overwritten by echoes of earlier saves or by changes from elsewhere', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;

  const text = 'Every autosave echoes back while I keep typing.';
  const description = page.getByTestId('course-description');
  await description.click();
  // Slow enough that several autosaves (and their drafts.changed refetches) land mid-typing.
  const typing = description.pressSequentially(text, { delay: 40 });
  // Meanwhile another window (or the CLI through the same services) changes a different field.
  await page.waitForTimeout(500);
  await page.evaluate((id) => window.lectern.invoke('courses.update', { courseId: id, patch: { subtitle: 'Changed elsewhere' } }), courseId);
  await typing;
  await expect(description).toHaveText(text);
  await expect(page.getByTestId('course-subtitle')).toHaveValue('Changed elsewhere');
  await expectAllSaved(page);

  // A course created elsewhere shows up in the list without a reload.
  await page.evaluate(() => window.lectern.invoke('courses.create', { title: 'Made in another window' }));
  await expect(page.getByTestId('course-item').filter({ hasText: 'Made in another window' })).toBeVisible();
  await expect(page.getByTestId('course-editor')).toHaveAttribute('data-course-id', courseId);

  await page.reload();
  await page.getByTestId('course-item').filter({ hasText: 'Untitled course' }).click();
  await expect(page.getByTestId('course-description')).toHaveText(text);
});

test('leaving the page right after typing still saves it (flush on pagehide)', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  // fill() is one input event: the debounce has not fired when the reload starts.
  await page.getByTestId('course-subtitle').fill('Saved on the way out');
  await expect(saveStatus(page)).toHaveText('Saving…');
  await page.reload();
  await expect(page.getByTestId('course-subtitle')).toHaveValue('Saved on the way out');
});

test('lecture titles can be entered in quick succession, each with Enter', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await addSection(page, 'Week 1');
  const input = section(page, 0).getByTestId('new-lecture-title');
  await input.focus();
  for (const t of ['One', 'Two', 'Three', 'Four']) {
    await page.keyboard.type(t);
    await page.keyboard.press('Enter');
  }
  await expect(lectures(section(page, 0))).toHaveCount(4);
  await expect(input).toBeFocused();
  await expectAllSaved(page);

  // The summary opens from the row; once it has text it is shown open.
  const two = lectures(section(page, 0)).nth(1);
  await two.getByTestId('lecture-summary-toggle').click();
  await expect(two.getByTestId('lecture-summary-toggle')).toHaveAttribute('aria-expanded', 'true');
  await two.getByTestId('lecture-summary').fill('Second lecture: لماذا? 왜? Why?');
  await expectAllSaved(page);

  await page.reload();
  await expect(sections(page)).toHaveCount(1);
  expect(await outline(page)).toEqual([{ title: 'Week 1', lectures: ['One', 'Two', 'Three', 'Four'] }]);
  await expect(lectures(section(page, 0)).nth(1).getByTestId('lecture-summary')).toHaveText('Second lecture: لماذا? 왜? Why?');
  await expect(lectures(section(page, 0)).first().getByTestId('lecture-summary')).toHaveCount(0);
});

test('course details validate inline, switching course keeps pending typing, a section delete undoes with Ctrl+Z', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await page.getByTestId('course-title').fill('Course A');
  const language = page.getByTestId('course-language');
  await language.fill('english');
  await expect(language).toHaveAccessibleDescription(/Language must be a code such as "en", "ko" or "pt-BR"/);
  await language.fill('ko');
  await page.getByTestId('course-tags').fill('math,  algebra , ,proofs');
  await expectAllSaved(page);
  await expect(language).not.toHaveAttribute('aria-invalid');

  await addSection(page, 'Doomed');
  await addLecture(page, 0, 'Inside it');
  await addSection(page, 'Kept');

  // A second course; typing in it and switching away at once still saves (the field flushes on unmount).
  await page.getByTestId('new-course').click();
  await expect(page.getByTestId('course-title')).toBeFocused();
  await page.keyboard.type('Course B');
  await page.getByTestId('course-item').filter({ hasText: 'Course A' }).click();
  await expect(page.getByTestId('course-title')).toHaveValue('Course A');
  await expect(page.getByTestId('course-item').filter({ hasText: 'Course B' })).toBeVisible();

  await section(page, 0).getByTestId('section-delete').click();
  await expect(sections(page)).toHaveCount(1);
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted section “Doomed”');
  // Ctrl+Z inside a text field is the field's own undo, not this one.
  await section(page, 0).getByTestId('section-title').focus();
  await page.keyboard.press('Control+z');
  await expect(sections(page)).toHaveCount(1);
  await section(page, 0).getByTestId('section-handle').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Doomed', lectures: ['Inside it'] },
    { title: 'Kept', lectures: [] },
  ]);
  // "Move up" on the second section: it becomes first, its now-disabled button hands focus to its handle.
  await section(page, 1).getByTestId('section-move-up').click();
  await expect.poll(() => outline(page)).toEqual([
    { title: 'Kept', lectures: [] },
    { title: 'Doomed', lectures: ['Inside it'] },
  ]);
  await expect(section(page, 0).getByTestId('section-handle')).toBeFocused();
  await expectAllSaved(page);

  await page.reload();
  await page.getByTestId('course-item').filter({ hasText: 'Course A' }).click();
  await expect(page.getByTestId('course-language')).toHaveValue('ko');
  await expect(page.getByTestId('course-tags')).toHaveValue('math, algebra, proofs');
  await page.getByTestId('course-item').filter({ hasText: 'Course B' }).click();
  await expect(page.getByTestId('course-title')).toHaveValue('Course B');
});

test('a double click, or typing straight after "Create your first course", creates one course', async ({ page, host }) => {
  await page.goto(host.url);
  // Desktop users double-click buttons; and a Space typed at once reaches the still-focused button.
  await page.getByTestId('create-first-course').dblclick();
  await page.keyboard.type(' A B');
  await expect(page.getByTestId('course-editor')).toBeVisible();
  await expectAllSaved(page);
  await expect(page.getByTestId('course-item')).toHaveCount(1);
  const listed = await page.evaluate(() => window.lectern.invoke('courses.list', {}));
  expect(listed.ok && listed.value.length).toBe(1);
});

test('the course video encoding is chosen in the editor, kept across a reload and seen by the CLI', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await page.getByTestId('course-title').fill('Encoding');
  await expectAllSaved(page);
  const encoding = page.getByTestId('course-encoding');
  await expect(encoding).toHaveValue('balanced');
  await expect(encoding).toHaveAccessibleName('Video encoding');

  await encoding.selectOption({ label: 'Smaller files' });
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  await expect.poll(async () => (await cliShowCourse(host.dataDir, courseId)).encoding).toBe('smaller');
  await page.reload();
  await expect(page.getByTestId('course-encoding')).toHaveValue('smaller');
});
