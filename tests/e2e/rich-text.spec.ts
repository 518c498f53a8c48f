import { test, expect } from './support/fixtures';
import { expectAllSaved } from './support/drafts-ui';

test('the course description is a WYSIWYG editor: formatting, links and lists autosave and survive a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;

  const editor = page.getByTestId('course-description');
  await editor.click();
  await page.keyboard.type('Welcome ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('everyone');
  await page.keyboard.press('Control+b');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bulleted list' }).click();
  await page.keyboard.type('first point');
  await page.keyboard.press('Enter');
  await page.keyboard.type('docs');
  await page.keyboard.press('Shift+Home');
  await page.getByRole('button', { name: 'Add link' }).click();
  const url = page.getByTestId('rich-text-link-input');
  await url.fill('javascript:alert(1)');
  await url.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Links must start with https://' })).toBeVisible();
  await url.fill('example.com/docs');
  await url.press('Enter');
  await expect(editor.locator('a')).toHaveAttribute('href', 'https://example.com/docs');
  await expectAllSaved(page);

  const stored = await page.evaluate(async (id) => {
    const r = await window.lectern.invoke('courses.get', { courseId: id });
    return r.ok ? r.value.description : r.error.message;
  }, courseId);
  expect(stored).toBe(
    '<p>Welcome <strong>everyone</strong></p><ul><li><p>first point</p></li><li><p><a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com/docs">docs</a></p></li></ul>',
  );

  await page.reload();
  await page.getByTestId('course-item').first().click();
  await expect(editor.locator('strong')).toHaveText('everyone');
  await expect(editor.locator('li')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Bold (Ctrl+B)' })).toBeVisible();
});

test('hostile HTML stored by another client never runs in the editor', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  // The contract accepts any text (the CLI writes plain text); what matters is what the page does with it.
  await page.evaluate(
    (id) =>
      window.lectern.invoke('courses.update', {
        courseId: id,
        patch: { description: '<p>Safe <img src=x onerror="window.pwned=1"><a href="javascript:window.pwned=2">link</a></p><script>window.pwned=3</script>' },
      }),
    courseId,
  );
  const editor = page.getByTestId('course-description');
  await expect(editor).toContainText('Safe link');
  expect(await editor.locator('img, script').count()).toBe(0);
  // The link mark refuses the javascript: URL outright, so only its text remains.
  expect(await editor.locator('a').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('a plain-text description from before rich text opens as paragraphs, not as markup', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  await expectAllSaved(page);
  const courseId = (await page.getByTestId('course-editor').getAttribute('data-course-id'))!;
  await page.evaluate((id) => window.lectern.invoke('courses.update', { courseId: id, patch: { description: 'a <b>b</b>\n\nsecond' } }), courseId);
  const editor = page.getByTestId('course-description');
  await expect(editor.locator('p')).toHaveText(['a <b>b</b>', 'second']);
});
