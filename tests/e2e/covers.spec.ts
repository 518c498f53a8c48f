import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeImage } from '../helpers/images';
import { makeVideo } from '../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../helpers/s3-server';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { queueDialogAnswer, type HostProcess } from './support/host-process';
import { invoke } from './support/invoke';
import { guardPage } from './support/page-guard';

let guard: ReturnType<typeof guardPage>;
let s3: S3TestServer;
const files = tempDir('lectern-e2e-covers-');

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(async () => {
  s3 = await connectS3TestServer('e2e-covers');
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

/** What the OS gives the page on a drop from the file manager: a File with no path (the host knows it). */
async function dropFile(page: Page, host: HostProcess, target: Locator, filePath: string): Promise<void> {
  const name = path.basename(filePath);
  const res = await fetch(new URL('/__test/drop-path', host.url), { method: 'POST', body: JSON.stringify({ name, path: filePath }) });
  expect(res.status).toBe(204);
  const dataTransfer = await page.evaluateHandle((n) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['(contents stay on disk)'], n));
    return dt;
  }, name);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

/** The image's decoded size: 0×0 until it loaded, so this also waits for the picture to arrive. */
const naturalSize = (img: Locator) => img.evaluate((el: HTMLImageElement) => `${el.naturalWidth}×${el.naturalHeight}`);

test('an instructor sets a cover (a non-image is refused with its reason), publishes, and the library card shows it', async ({ page, host }) => {
  test.setTimeout(150_000);
  const notes = path.join(files.dir, 'notes.png');
  fs.writeFileSync(notes, 'Lecture notes saved with the wrong name.\n');
  const dropped = makeImage(path.join(files.dir, 'prism.png'), 1600, 1000);
  const replacement = makeImage(path.join(files.dir, 'rainbow photo.jpg'), 1920, 1080);
  const clip = makeVideo(path.join(files.dir, 'refraction.mp4'), { durationSec: 3, audio: false });

  await page.goto(host.url);
  const course = await invoke(page, 'courses.create', { title: 'Optics' });
  const section = await invoke(page, 'sections.create', { courseId: course.id, title: 'Light' });
  const lecture = await invoke(page, 'lectures.create', { sectionId: section.id, title: 'Refraction' });
  await invoke(page, 'media.import', { lectureId: lecture.id, filePath: clip });
  expect((await invoke(page, 'media.build', { lectureId: lecture.id, wait: true })).filter((j) => j.status !== 'done')).toEqual([]);

  const item = page.getByTestId('course-item').filter({ hasText: 'Optics' });
  await item.click();
  // Before a cover is set, the list shows the first lecture's poster.
  await expect(item.getByTestId('course-item-cover')).toHaveAttribute('src', `/studio-media/${lecture.id}/poster.jpg`);
  const field = page.getByTestId('course-cover');
  await expect(field.getByTestId('cover-placeholder')).toBeVisible();

  // A text file named .png, from the dialog: refused, with what it is.
  await queueDialogAnswer(host, notes);
  await field.getByTestId('cover-choose').click();
  await expect(field.getByTestId('cover-error')).toHaveText('“notes.png” is a text file, not an image Lectern can use as a cover; choose a JPEG, PNG or WebP file.');
  await expect(field.getByTestId('cover-placeholder')).toBeVisible();

  // A PNG dropped on the field becomes the cover: a 1280×720 JPEG, previewed.
  await dropFile(page, host, field, dropped);
  const preview = field.getByTestId('cover-preview');
  await expect(preview).toBeVisible();
  await expect(field.getByTestId('cover-error')).toHaveCount(0);
  await expect.poll(() => naturalSize(preview)).toBe('1280×720');
  await expect(field).toContainText('Made from prism.png · 1280×720');
  const first = await preview.getAttribute('src');

  // Replace from the dialog.
  await queueDialogAnswer(host, replacement);
  await field.getByTestId('cover-choose').click();
  await expect(field).toContainText('Made from rainbow photo.jpg');
  const current = await preview.getAttribute('src');
  expect(current).not.toBe(first);
  await expect(item.getByTestId('course-item-cover')).toHaveAttribute('src', current!);

  // Publish, then read the hub as a student (read-only credentials).
  const hub = await invoke(page, 'hubs.create', { name: 'Swift', endpoint: s3.endpoint, bucket: s3.bucket, keyPrefix: 'hub', pathStyle: true, ...TEST_CREDENTIALS });
  expect(await invoke(page, 'publish.start', { courseId: course.id, hubId: hub.id, wait: true })).toMatchObject({ state: 'done', version: 1 });
  const student = await invoke(page, 'library.addHub', { baseUrl: `${s3.endpoint}/${s3.bucket}/hub/`, name: 'Course hub', credentials: { ...TEST_CREDENTIALS } });

  await page.getByTestId('area-library').click();
  const card = page.getByTestId('catalog-course').filter({ hasText: 'Optics' });
  const cardCover = card.getByTestId('catalog-cover');
  await expect(cardCover).toHaveAttribute('src', `/cover/${student.id}/${course.id}`);
  await expect.poll(() => naturalSize(cardCover)).toBe('1280×720');
  await card.getByRole('button', { name: 'Open Optics' }).click();
  const pageCover = page.getByTestId('course-page').getByTestId('course-cover');
  await expect(pageCover).toHaveAttribute('src', `/cover/${student.id}/${course.id}`);
  await expect.poll(() => naturalSize(pageCover)).toBe('1280×720');
});
