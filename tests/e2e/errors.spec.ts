import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../helpers/s3-server';
import { tempDir } from '../helpers/tmp';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { test, expect } from './support/fixtures';
import { freePort } from './support/free-port';
import { queueDialogAnswer } from './support/host-process';
import { guardPage } from './support/page-guard';

/**
 * Errors users can act on: in each area a failure reads as one sentence saying what happened and what to
 * do, and the technical text (errno codes, S3 error names, ffprobe output) stays folded under "Details".
 */

const INTERNALS = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'Error:', 'retryable', 'SignatureDoesNotMatch', 'HTTP 403', 'ffprobe', 'Invalid data'];

let guard: ReturnType<typeof guardPage>;
let s3: S3TestServer;
const files = tempDir('lectern-e2e-errors-');

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(async () => {
  s3 = await connectS3TestServer('e2e-errors');
});
test.afterAll(async () => {
  await s3?.close();
  files.cleanup();
});
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

/** What the user sees: rendered text only, so a closed <details> contributes its summary and nothing else. */
async function expectNoInternals(where: Locator): Promise<void> {
  const visible = await where.evaluate((el) => (el as HTMLElement).innerText);
  for (const word of INTERNALS) expect(visible, `"${word}" in visible text: ${visible}`).not.toContain(word);
}

/** The technical text is still there for support, one click away. */
async function expectDetails(notice: Locator, containing: string | RegExp): Promise<void> {
  const details = notice.locator('details');
  await expect(details).toHaveCount(1);
  await expect(details.getByTestId('error-details')).toBeHidden();
  await details.locator('summary').click();
  await expect(details.getByTestId('error-details')).toBeVisible();
  await expect(details.getByTestId('error-details')).toContainText(containing);
}

/** For a reviewer: how each notice looks with its Details open (test-results/screens/). */
async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.resolve('test-results/screens', `${name}.png`) });
}

async function addPublishingHub(page: Page, name: string, endpoint: string, secret: string): Promise<Locator> {
  const area = page.getByRole('main', { name: 'Publishing' });
  await area.getByTestId('add-hub').or(area.getByRole('button', { name: 'Add your first hub' })).first().click();
  const form = area.getByTestId('hub-form');
  await form.getByTestId('hub-name').fill(name);
  await form.getByTestId('hub-endpoint').fill(endpoint);
  await form.getByTestId('hub-bucket').fill(s3.bucket);
  await form.getByTestId('hub-accessKeyId').fill(TEST_CREDENTIALS.accessKeyId);
  await form.getByTestId('hub-secretAccessKey').fill(secret);
  await form.getByTestId('hub-save').click();
  const card = area.getByTestId('hub-card').filter({ hasText: name });
  await expect(card).toBeVisible();
  return card;
}

test('publishing: a refused endpoint and a wrong secret each read as one sentence naming the hub', async ({ page, host }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByTestId('area-publishing').click();

  const closed = await freePort();
  const refused = await addPublishingHub(page, 'Lab server', `http://127.0.0.1:${closed}`, TEST_CREDENTIALS.secretAccessKey);
  await refused.getByTestId('hub-test').click();
  const refusedSummary = refused.getByTestId('connection-summary');
  await expect(refusedSummary).toContainText('Nothing answered at “Lab server”: check the endpoint address and port', { timeout: 60_000 });
  await expect(refused.getByTestId('check-list')).toContainText('✗ failed');
  await expectNoInternals(refused);
  await expectDetails(refusedSummary, 'ECONNREFUSED');

  const wrong = await addPublishingHub(page, 'Campus S3', s3.endpoint, 'not-the-secret');
  await wrong.getByTestId('hub-test').click();
  const wrongSummary = wrong.getByTestId('connection-summary');
  await expect(wrongSummary).toContainText('“Campus S3” did not accept the access key or secret: check both in the hub settings.', { timeout: 60_000 });
  await expect(wrongSummary.getByRole('button', { name: 'Update the key' })).toBeVisible();
  await expectNoInternals(wrong);
  // Three probes refused for the same reason: their text is kept once, not three times.
  await expectDetails(wrongSummary, 'SignatureDoesNotMatch');
  const details = await wrongSummary.getByTestId('error-details').innerText();
  expect(details.split('SignatureDoesNotMatch').length - 1).toBe(1);
  await screen(page, 'errors-publishing');
});

test('library: adding a hub at a host that does not exist says to check the address', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  const form = page.getByTestId('add-hub-form');
  await form.getByTestId('hub-url').fill('http://lectern-hub.invalid/courses/');
  await form.getByRole('button', { name: 'Add hub' }).click();
  const notice = page.getByTestId('add-hub-error');
  await expect(notice).toContainText("Couldn't add this hub. Lectern could not find", { timeout: 30_000 });
  await expect(notice).toContainText('check the address for typos');
  await expectNoInternals(form);
  await expectDetails(notice, /ENOTFOUND|EAI_AGAIN/);
  await screen(page, 'errors-library-add-hub');
});

test('media: importing a file that is not a video says so and what to choose instead', async ({ page, host }) => {
  const notes = path.join(files.dir, 'Vorlesung notes.bin');
  fs.writeFileSync(notes, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Create your first course' }).click();
  await addSection(page, 'Week 1');
  await addLecture(page, 0, 'Welcome');
  const row = lectures(page).nth(0);
  await queueDialogAnswer(host, notes);
  await row.getByTestId('media-summary').click();
  await row.getByTestId('media-add').click();
  const notice = row.getByTestId('media-error');
  await expect(notice).toContainText('“Vorlesung notes.bin” is not a video Lectern can read: choose a video file such as MP4, MOV or MKV.');
  await expect(notice.getByTestId('media-choose')).toBeVisible();
  await expectNoInternals(row);
  await expectDetails(notice, 'ffprobe');
  await screen(page, 'errors-media-import');
});

test('autosave: a refused save left behind names its course, stays in the Studio and goes once the field saves', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('create-first-course').click();
  const title = page.getByTestId('course-title');
  await title.fill('Linear Algebra');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await title.fill('   ');
  await expect(page.locator('.course-title-field').getByTestId('field-error')).toHaveText('Title cannot be empty');

  // Leaving the course with the refusal pending: the notice says which course and which field.
  await page.getByTestId('new-course').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveText(/^Couldn't save the title of “Linear Algebra”\. Title cannot be empty/);
  await expectNoInternals(notice);

  // It does not follow the user to other areas.
  await page.getByTestId('area-library').click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('area-studio').click();
  await expect(notice).toHaveCount(1);

  // Saving that field clears it.
  await page.getByTestId('course-item').filter({ hasText: 'Linear Algebra' }).click();
  await page.getByTestId('course-title').fill('Linear Algebra II');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  await expect(notice).toHaveCount(0);
});
