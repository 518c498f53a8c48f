import fs from 'node:fs';
import path from 'node:path';
import { makeVideo } from '../helpers/media';
import { tempDir } from '../helpers/tmp';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { test, expect } from './support/fixtures';
import { guardPage } from './support/page-guard';

/**
 * In a plain browser the test host has no native dialog: with no answer queued by a test, "Add video…"
 * opens the browser's file chooser, uploads the chosen file to the host and imports it like a picked file.
 */

let guard: ReturnType<typeof guardPage>;
const files = tempDir('lectern-e2e-file-input-');

test.afterAll(() => files.cleanup());
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

test('Add video… without a scripted answer opens a file chooser, and the chosen file is uploaded and imported', async ({ page, host }) => {
  const video = makeVideo(path.join(files.dir, 'Woche 1 – 강의.mp4'), { width: 320, height: 180, durationSec: 3 });
  const notes = path.join(files.dir, 'notes.txt');
  fs.writeFileSync(notes, 'Not a video.\n'.repeat(20));

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Create your first course' }).click();
  await addSection(page, 'Week 1');
  await addLecture(page, 0, 'Welcome');
  await addLecture(page, 0, 'Notes');

  // A file that is not a video reaches the import and is refused there, next to its lecture.
  const second = lectures(page).nth(1);
  await second.getByTestId('media-summary').click();
  let chooser = page.waitForEvent('filechooser');
  await second.getByTestId('media-add').click();
  expect((await chooser).isMultiple()).toBe(false);
  await (await chooser).setFiles(notes);
  await expect(second.getByTestId('media-summary')).toHaveText(/Problem$/, { timeout: 15_000 });

  const row = lectures(page).nth(0);
  await row.getByTestId('media-summary').click();
  chooser = page.waitForEvent('filechooser');
  await row.getByTestId('media-add').click();
  await (await chooser).setFiles(video);
  await expect(row.getByTestId('media-facts')).toContainText('Woche 1 – 강의.mp4', { timeout: 15_000 });
  await expect(row.getByTestId('media-facts')).toContainText('320×180');
  await expect(row.getByTestId('lecture-duration')).toHaveText(/\b0:03$/);
  // The upload sits in the host's data folder, byte for byte.
  const uploads = path.join(host.dataDir, 'host-uploads');
  const copies = fs.readdirSync(uploads, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mp4'));
  expect(copies).toHaveLength(1);
  expect(fs.readFileSync(path.join(uploads, copies[0]!)).equals(fs.readFileSync(video))).toBe(true);
});

test('the upload endpoint takes files only from the host page and only when one was asked for', async ({ host }) => {
  const url = new URL('/__lectern/upload?pick=1&name=x.mp4', host.url);
  const foreign = await fetch(url, { method: 'POST', body: 'bytes', headers: { origin: 'http://evil.example' } });
  expect(foreign.status).toBe(403);
  const unasked = await fetch(url, { method: 'POST', body: 'bytes', headers: { origin: new URL(host.url).origin } });
  expect(unasked.status).toBe(404);
  expect(await unasked.text()).toContain('No file was asked for');
});
