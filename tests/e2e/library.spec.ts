import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { channels } from '../../main/contract/channels';
import { publishVersion, writeCatalog } from '../helpers/catalog-hub';
import { MEDIA_DIR, serveHub, writeFfmpegPackage, writeManifest, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { guardPage } from './support/page-guard';

let guard: ReturnType<typeof guardPage>;
const tmp = tempDir('lectern-e2e-hub-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub | null = null;
let segmentDelayMs = 300;

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(() => {
  // A 12 s lecture (360p and 180p, shared audio) published as a course on a hub of its own: a separate
  // loopback server the test can switch off.
  writeFfmpegPackage(hubRoot, { seconds: 12 });
  const bytesOf = (stream: string) =>
    fs.readdirSync(path.join(hubRoot, MEDIA_DIR)).filter((n) => n.startsWith(stream)).reduce((sum, n) => sum + fs.statSync(path.join(hubRoot, MEDIA_DIR, n)).size, 0);
  writeManifest(hubRoot, {
    lecture: {
      durationSec: 12,
      freePreview: true,
      summary: 'Why <b>44.1 kHz</b>?',
    },
  });
  const manifest = path.join(hubRoot, 'courses/course1/versions/1/course.json');
  const doc = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { lectures: { media: Record<string, unknown> }[] };
  doc.lectures[0]!.media.renditions = [
    { name: '360p', height: 360, bandwidth: 900_000, bytes: bytesOf('stream_0') },
    { name: '180p', height: 180, bandwidth: 400_000, bytes: bytesOf('stream_1') },
  ];
  fs.writeFileSync(manifest, JSON.stringify(doc));
  writeCatalog(hubRoot, { subtitle: 'Sampling and aliasing', tags: ['dsp'] });
});

test.beforeEach(async ({ page }) => {
  // The hub going away mid-test is the point: the failed refresh is reported in the UI, not as a page error.
  guard = guardPage(page, [/Failed to load resource/]);
  hub = await serveHub(hubRoot);
  segmentDelayMs = 300;
  // Segments are served slowly so the download's progress is visible before it completes.
  hub.intercept = (req, res) => {
    if (!req.url?.endsWith('.ts')) return false;
    const file = path.join(hubRoot, decodeURIComponent(req.url).slice('/hub/'.length));
    setTimeout(() => {
      const data = fs.readFileSync(file);
      res.writeHead(200, { 'content-length': data.byteLength }).end(data);
    }, segmentDelayMs);
    return true;
  };
});

test.afterEach(async () => {
  await hub?.close().catch(() => {});
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

test.afterAll(() => tmp.cleanup());

const videoTime = (page: Page) => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);

test('a student adds a hub, finds and downloads a course, and watches it with the hub switched off', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('area-library').click();

  // First run: nothing to browse yet, so the library explains hubs and asks for one.
  const empty = page.getByTestId('library-empty');
  await expect(empty.getByRole('heading', { name: 'Add a hub' })).toBeVisible();
  await empty.getByTestId('hub-url').fill(hub!.url.replace('/hub/', '/wrong/'));
  await empty.getByRole('button', { name: 'Add hub' }).click();
  await expect(empty.getByRole('alert')).toContainText('404');
  await empty.getByTestId('hub-url').fill(hub!.url);
  await empty.getByRole('button', { name: 'Add hub' }).click();

  // Browse and search.
  const course = page.getByTestId('catalog-course');
  await expect(course).toHaveCount(1);
  await expect(course).toContainText('Sampling and aliasing');
  await page.getByTestId('catalog-search').fill('biology');
  await expect(course).toHaveCount(0);
  await page.getByTestId('catalog-search').fill('dsp');
  await expect(course).toHaveCount(1);

  // The course page: author text is shown as text, never run as HTML.
  await course.getByRole('button', { name: /^Open / }).click();
  const coursePage = page.getByTestId('course-page');
  await expect(coursePage.getByRole('heading', { level: 1 })).toHaveText('Signals <script>alert(1)</script>');
  await expect(page.getByTestId('course-description')).toHaveText('<img src=x onerror=alert(1)>');
  await expect(coursePage.locator('img')).toHaveCount(0);
  await expect(page.getByTestId('lecture-duration')).toHaveText('0:12');
  await expect(coursePage.getByText('Why <b>44.1 kHz</b>?')).toBeVisible();
  await expect(page.getByTestId('lecture-sizes')).toHaveText(/^Up to 360p · [\d.]+ (KB|MB) \(2 qualities\)$/);

  // A free-preview lecture streams from the hub (through the app origin) before anything is downloaded.
  await page.getByRole('button', { name: 'Watch the free preview of Sampling' }).click();
  await expect(page.getByTestId('library-preview').locator('video')).toBeVisible();
  await page.locator('video').evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await page.getByRole('button', { name: '← Back' }).click();

  // Download the whole course: the dialog shows the total size and the free space before anything is fetched.
  await page.getByTestId('download-course').click();
  const dialog = page.getByTestId('download-dialog');
  await expect(dialog.getByTestId('download-total')).toContainText(/1 lecture, [\d.]+ (KB|MB) \(360p\)\. .* free on this disk/);
  await dialog.getByTestId('download-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('download-progress')).toBeVisible();
  await expect(page.getByTestId('download-state')).toContainText('Downloaded · 360p', { timeout: 30_000 });

  // Cut the network to the hub: the library says so and keeps showing what it has.
  await hub!.close();
  hub = null;
  await page.getByTestId('library-nav-catalog').click();
  await page.getByTestId('catalog-refresh').click();
  await expect(page.getByTestId('offline-banner')).toContainText(/is offline — showing the catalog from/);
  await expect(course).toHaveCount(1);

  // Play offline: time advances and seeking works.
  await course.getByRole('button', { name: /^Open / }).click();
  await page.getByRole('button', { name: 'Play Sampling' }).click();
  const video = page.locator('video');
  await expect(video).toBeVisible();
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 8));
  await expect.poll(() => videoTime(page), { timeout: 10_000 }).toBeGreaterThan(8.2);
  await video.evaluate((v: HTMLVideoElement) => v.pause());

  // Downloads and storage list it with its size; the storage page frees the space.
  await page.getByTestId('library-nav-downloads').click();
  await expect(page.getByTestId('download-item')).toContainText('Sampling');
  await page.getByRole('button', { name: 'Verify Sampling' }).click();
  await expect(page.getByTestId('notice')).toContainText(/“Sampling”: all \d+ files are intact\./);
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss this message' }).click();
  await page.getByTestId('library-nav-storage').click();
  await expect(page.getByTestId('storage-summary')).toContainText(/Downloads use [\d.]+ (KB|MB)/);
  await expect(page.getByTestId('storage-row')).toHaveCount(1);

  if ('progress.get' in channels) {
    // Watch progress (the playback area's): the position survives a reload, offline.
    await page.reload();
    await page.getByTestId('area-library').click();
    await page.getByTestId('library-nav-downloads').click();
    await page.getByRole('button', { name: 'Play Sampling' }).click();
    await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(7);
    await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
    await page.getByTestId('library-nav-catalog').click();
    await expect(page.getByTestId('continue-watching')).toContainText('Sampling');
    await page.getByTestId('catalog-course').getByRole('button', { name: /^Open / }).click();
    await expect(page.getByTestId('course-progress')).toContainText('of 1 lectures completed');
  }

  await page.getByTestId('library-nav-storage').click();
  await page.getByRole('button', { name: 'Remove Sampling' }).click();
  await expect(page.getByTestId('storage-row')).toHaveCount(0);
  expect(fs.readdirSync(path.join(host.dataDir, 'library'))).toEqual([]);
});

test('a download pauses and resumes; a newer published version is offered as an update, and the old copy stays playable until the new one replaces it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  // Keyboard only: Enter submits the hub, Enter on focused buttons opens the course and the download dialog.
  await page.getByTestId('hub-url').fill(hub!.url);
  await page.getByTestId('hub-url').press('Enter');
  await page.getByTestId('catalog-course').getByRole('button', { name: /^Open / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Download Sampling' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('download-dialog')).toBeVisible();
  await page.getByTestId('download-quality').selectOption('240');
  await expect(page.getByTestId('download-total')).toContainText('(180p)');
  // Slow segments, so there is time to pause mid-way and resume.
  segmentDelayMs = 1500;
  await page.getByTestId('download-confirm').click();
  await page.getByRole('button', { name: 'Pause Sampling' }).click();
  await expect(page.getByTestId('download-state')).toContainText('Paused · 180p');
  await expect(page.getByRole('button', { name: 'Resume Sampling' })).toBeVisible();
  segmentDelayMs = 300;
  await page.getByRole('button', { name: 'Resume Sampling' }).click();
  await expect(page.getByTestId('download-state')).toContainText('Downloaded · 180p', { timeout: 30_000 });

  try {
    publishVersion(hubRoot, 2, { subtitle: 'Sampling and aliasing', tags: ['dsp'] });
    await page.getByTestId('library-nav-catalog').click();
    await page.getByTestId('catalog-refresh').click();
    await expect(page.getByTestId('update-badge')).toBeVisible();
    await page.getByTestId('catalog-course').getByRole('button', { name: /^Open / }).click();
    await expect(page.getByTestId('course-update')).toContainText('Version 2 of this course is available; your downloads are from version 1');
    // Slower segments, so the moment while the update downloads is long enough to look at.
    segmentDelayMs = 800;
    await page.getByTestId('course-update').getByRole('button', { name: 'Update downloads' }).click();
    await expect(page.getByTestId('course-update')).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('play-older')).toHaveText('Play version 1 while the update downloads');
    await expect(page.getByTestId('play-older')).toBeHidden({ timeout: 30_000 });
    await page.getByTestId('library-nav-downloads').click();
    await expect(page.getByTestId('download-item')).toHaveCount(1);
    await expect(page.getByTestId('download-item')).toContainText('version 2');
    await expect(page.getByTestId('download-state')).toContainText('Downloaded · 180p', { timeout: 30_000 });
  } finally {
    publishVersion(hubRoot, 1, { subtitle: 'Sampling and aliasing', tags: ['dsp'] });
  }
  expect(fs.readdirSync(path.join(host.dataDir, 'library'))).toHaveLength(1);
});

test('a lecture plays while it downloads, and "Play now" fetches it first', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  await page.getByTestId('hub-url').fill(hub!.url);
  await page.getByTestId('hub-url').press('Enter');
  await page.getByTestId('catalog-course').getByRole('button', { name: /^Open / }).click();
  // Slow enough that the whole download takes several seconds after the first frame.
  segmentDelayMs = 1500;
  await page.getByTestId('download-course').click();
  await page.getByTestId('download-confirm').click();
  await expect(page.getByTestId('download-state')).toContainText(/^(Waiting|Downloading) · 360p/);

  await page.getByRole('button', { name: 'Play Sampling' }).click();
  await expect(page.getByTestId('still-downloading')).toContainText('Still downloading: it plays as it arrives');
  const video = page.locator('video');
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => videoTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
  const listed = await page.evaluate(() => window.lectern.invoke('downloads.list', {}));
  const download = listed.ok ? listed.value[0] : undefined;
  expect(download?.state, 'the first frame came before the download finished').toBe('downloading');
  expect(download?.filesDone).toBeLessThan(download?.filesTotal ?? 0);
  await expect.poll(() => videoTime(page), { timeout: 30_000 }).toBeGreaterThan(4);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await page.getByRole('button', { name: '← Back' }).click();
  await expect(page.getByTestId('download-state')).toContainText('Downloaded · 360p', { timeout: 30_000 });
});

/** The hub answers like a private S3 bucket: 403 unless a request is signed with a key id in `accepted` (read live). */
function makePrivate(accepted: ReadonlySet<string>): void {
  hub!.intercept = (req, res) => {
    const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    if (keyId !== undefined && accepted.has(keyId)) return false;
    res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
    return true;
  };
}

test('a student adds a private hub with read-only credentials', async ({ page, host }) => {
  makePrivate(new Set(['READER']));
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  const empty = page.getByTestId('library-empty');
  await empty.getByTestId('hub-url').fill(hub!.url);
  await empty.getByRole('button', { name: 'Add hub' }).click();
  await expect(empty.getByRole('alert')).toContainText('The hub may be private');

  await expect(empty.getByTestId('library-hub-credentials')).toHaveCount(0);
  await empty.getByTestId('library-hub-uses-credentials').check();
  await empty.getByTestId('library-hub-accessKeyId').fill('READER');
  await empty.getByTestId('library-hub-secretAccessKey').fill('a-secret-value');
  await expect(empty.getByTestId('library-hub-secretAccessKey')).toHaveAttribute('type', 'password');
  await expect(empty.getByTestId('library-hub-region')).toHaveValue('us-east-1');
  await empty.getByRole('button', { name: 'Add hub' }).click();

  await expect(page.getByTestId('catalog-course')).toHaveCount(1);
  await page.getByText(/^Hubs \(1\)$/).click();
  await expect(page.getByTestId('hub-auth')).toContainText('read with key READER');
  await expect(page.locator('body')).not.toContainText('a-secret-value');
});

test('a student replaces a revoked key with "Update credentials…", from the banner and the hubs list, by keyboard', async ({ page, host }) => {
  // The instructor rotates READER to ROTATED mid-test.
  const accepted = new Set(['READER']);
  makePrivate(accepted);
  await page.goto(host.url);
  await page.getByTestId('area-library').click();
  const empty = page.getByTestId('library-empty');
  await empty.getByTestId('hub-url').fill(hub!.url);
  await empty.getByTestId('library-hub-uses-credentials').check();
  await empty.getByTestId('library-hub-accessKeyId').fill('READER');
  await empty.getByTestId('library-hub-secretAccessKey').fill('first-secret');
  await empty.getByRole('button', { name: 'Add hub' }).click();
  await expect(page.getByTestId('catalog-course')).toHaveCount(1);

  accepted.clear();
  accepted.add('ROTATED');
  await page.getByTestId('catalog-refresh').click();
  const banner = page.getByTestId('hub-access-banner');
  await expect(banner).toContainText('the hub refused its credentials');
  await expect(page.getByTestId('catalog-course')).toHaveCount(1);

  // The banner offers the form; it opens with the key id filled in and the focus in it.
  await banner.getByTestId('hub-update-credentials').click();
  const form = banner.getByTestId('update-credentials-form');
  await expect(form.getByTestId('library-hub-accessKeyId')).toBeFocused();
  await expect(form.getByTestId('library-hub-accessKeyId')).toHaveValue('READER');
  await page.keyboard.press('Tab');
  await page.keyboard.type('still-the-old-secret');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('Did not change the credentials');
  await expect(form.getByRole('alert')).toContainText('the hub keeps key READER');

  await form.getByTestId('library-hub-accessKeyId').fill('ROTATED');
  await form.getByTestId('library-hub-secretAccessKey').fill('second-secret');
  await form.getByTestId('library-hub-secretAccessKey').press('Enter');
  await expect(banner).toHaveCount(0);
  await page.getByText(/^Hubs \(1\)$/).click();
  await expect(page.getByTestId('hub-auth')).toContainText('read with key ROTATED');

  // The same action on the hub's row; Escape closes it without a change and gives the focus back.
  const rowAction = page.locator('.library-hubs').getByTestId('hub-update-credentials');
  await rowAction.click();
  await expect(rowAction).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(page.locator('.library-hubs').getByTestId('update-credentials-form')).toHaveCount(0);
  await expect(rowAction).toBeFocused();
  await expect(page.locator('body')).not.toContainText('second-secret');
});
