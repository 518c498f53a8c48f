import path from 'node:path';
import { DeleteBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import { parseCourseManifest, type CourseManifest } from '../../main/services/downloads/manifest';
import { makeVideo } from '../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../helpers/s3-server';
import { tempDir } from '../helpers/tmp';
import { test, expect } from './support/fixtures';
import { invoke } from './support/invoke';
import { guardPage } from './support/page-guard';

let guard: ReturnType<typeof guardPage>;
let s3: S3TestServer;
const media = tempDir('lectern-e2e-pub-media-');

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(async () => {
  s3 = await connectS3TestServer('e2e-publish');
});
test.afterAll(async () => {
  await s3?.close();
  media.cleanup();
});
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

async function importAndBuild(page: Page, lectureId: string, file: string): Promise<void> {
  await invoke(page, 'media.import', { lectureId, filePath: file });
  const jobs = await invoke(page, 'media.build', { lectureId, wait: true });
  expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
}

async function manifestOnHub(version: number, courseId: string): Promise<CourseManifest> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `hub/courses/${courseId}/versions/${version}/course.json` }));
  return parseCourseManifest((await res.Body?.transformToString()) ?? '', 'course.json');
}

const filesOf = (l: CourseManifest['lectures'][number]) =>
  [...(l.media?.files ?? []), l.poster, l.storyboard?.vtt, l.storyboard?.sprite, l.previewClip].filter((f) => f != null).map((f) => f.path);

test('an instructor adds a hub, tests it, publishes a course, edits one lecture and republishes only what changed', async ({ page, host }) => {
  test.setTimeout(150_000);
  const clipA = makeVideo(path.join(media.dir, 'variables.mp4'), { durationSec: 4 });
  const clipB = makeVideo(path.join(media.dir, 'traits.mp4'), { durationSec: 4, fps: 25 });
  const clipB2 = makeVideo(path.join(media.dir, 'traits-v2.mp4'), { durationSec: 4, fps: 24 });

  await page.goto(host.url);
  const course = await invoke(page, 'courses.create', { title: 'Rust for Data People' });
  const basics = await invoke(page, 'sections.create', { courseId: course.id, title: 'Basics' });
  const variables = await invoke(page, 'lectures.create', { sectionId: basics.id, title: 'Variables' });
  const traits = await invoke(page, 'lectures.create', { sectionId: basics.id, title: 'Traits' });
  await importAndBuild(page, variables.id, clipA);

  // The Publishing area, by keyboard; a newcomer is told what a hub is.
  await page.keyboard.press('Control+2');
  const area = page.getByRole('main', { name: 'Publishing' });
  await expect(area.getByTestId('hubs-empty')).toContainText('A hub is where students download your courses');
  await expect(area.getByTestId('queue-empty')).toBeVisible();

  // Add the hub. The secret field is a password field and never shown again.
  await area.getByRole('button', { name: 'Add your first hub' }).click();
  const form = area.getByTestId('hub-form');
  await expect(form.getByTestId('hub-name')).toBeFocused();
  await page.keyboard.type('Swift test hub');
  await form.getByTestId('hub-endpoint').fill(s3.endpoint);
  await form.getByTestId('hub-bucket').fill('Not A Bucket');
  await form.getByTestId('hub-keyPrefix').fill('hub');
  await form.getByTestId('hub-accessKeyId').fill(TEST_CREDENTIALS.accessKeyId);
  await expect(form.getByTestId('hub-secretAccessKey')).toHaveAttribute('type', 'password');
  await form.getByTestId('hub-secretAccessKey').fill(TEST_CREDENTIALS.secretAccessKey);
  await form.getByTestId('hub-save').click();
  await expect(form).toContainText('Bucket must be 3–63 lowercase letters');
  await form.getByTestId('hub-bucket').fill(s3.bucket);
  await form.getByTestId('hub-save').click();
  const hubCard = area.getByTestId('hub-card');
  await expect(hubCard).toContainText('Swift test hub');
  await expect(hubCard).toContainText(s3.bucket);
  await expect(area).not.toContainText(TEST_CREDENTIALS.secretAccessKey);
  // What students type into the library's Add hub form, with a Copy button.
  await expect(hubCard.getByTestId('hub-share-address')).toHaveValue(`${s3.endpoint}/${s3.bucket}/hub/`);
  await hubCard.getByTestId('hub-share-copy').click();
  await expect(hubCard.getByTestId('hub-share')).toContainText('Copied.');

  // Test connection: each permission separately.
  await hubCard.getByTestId('hub-test').click();
  const report = hubCard.getByTestId('connection-report');
  for (const check of ['list', 'write', 'read', 'delete']) await expect(report.getByTestId(`check-${check}`)).toHaveAttribute('data-result', 'ok');
  await expect(report.getByTestId('connection-summary')).toHaveText('Lectern can list, write, read and delete on this hub.');

  // The pre-publish check stops a course whose second lecture has no video yet.
  const row = area.getByTestId('publish-course').filter({ hasText: 'Rust for Data People' });
  await expect(row.getByTestId('publications')).toHaveText('Not published yet');
  await row.getByTestId('publish-course-button').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('publish-problems')).toContainText('“Traits” has no video; import one and build it in the Studio.');
  await expect(dialog.getByTestId('publish-confirm')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await importAndBuild(page, traits.id, clipB);
  await row.getByTestId('publish-course-button').click();
  await expect(dialog.getByTestId('publish-check-ok')).toContainText('Ready: 2 lectures');
  await expect(dialog.getByTestId('publish-check-ok')).toContainText('This becomes version 1');
  await expect(dialog.getByTestId('publish-confirm')).toBeFocused();
  await page.keyboard.press('Enter');

  const firstRun = area.getByTestId('upload-run').first();
  await expect(firstRun).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(firstRun).toContainText('version 1');
  await expect(row.getByTestId('publication')).toContainText('Version 1 on Swift test hub');
  await expect(row.getByTestId('publish-unpublished')).toHaveCount(0);
  const v1 = await manifestOnHub(1, course.id);
  const [v1a, v1b] = [filesOf(v1.lectures[0]!), filesOf(v1.lectures[1]!)];
  await expect(firstRun.getByTestId('run-files')).toHaveText(`${v1a.length + v1b.length} of ${v1a.length + v1b.length} files uploaded, 0 already on the hub`);

  // Edit one lecture: a new take of "Traits", and a new title.
  await importAndBuild(page, traits.id, clipB2);
  await invoke(page, 'lectures.update', { lectureId: traits.id, patch: { title: 'Traits and generics' } });
  await expect(row.getByTestId('publish-unpublished')).toHaveText('Unpublished changes');

  await row.getByTestId('publish-course-button').click();
  await expect(dialog.getByTestId('publish-check-ok')).toContainText('This becomes version 2 on the hub (now 1)');
  await dialog.getByTestId('publish-limit').fill('5');
  await dialog.getByTestId('publish-confirm').click();
  const secondRun = area.getByTestId('upload-run').first();
  await expect(secondRun).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(secondRun).toContainText('version 2');
  await expect(secondRun.getByTestId('run-stats')).toContainText('limited to 5.0 MB/s');
  await expect(row.getByTestId('publication')).toContainText('Version 2 on Swift test hub');
  await expect(row.getByTestId('publish-unpublished')).toHaveCount(0);

  // Only the edited lecture's files went up; the other lecture's were already there under the same keys.
  const v2 = await manifestOnHub(2, course.id);
  const [v2a, v2b] = [filesOf(v2.lectures[0]!), filesOf(v2.lectures[1]!)];
  expect(v2a).toEqual(v1a);
  expect(v2b.filter((f) => v1b.includes(f))).toEqual([]);
  expect(v2.lectures[1]?.title).toBe('Traits and generics');
  await expect(secondRun.getByTestId('run-files')).toHaveText(`${v2b.length} of ${v2b.length} files uploaded, ${v2a.length} already on the hub`);
  await expect(area.getByTestId('upload-run')).toHaveCount(2);
});

test('expired temporary credentials: the run fails once with a prompt to update the key, and Retry publishes', async ({ page, host }) => {
  test.setTimeout(90_000);
  const clip = makeVideo(path.join(media.dir, 'expired.mp4'), { durationSec: 4 });
  await page.goto(host.url);
  const course = await invoke(page, 'courses.create', { title: 'Shell Scripting' });
  const section = await invoke(page, 'sections.create', { courseId: course.id, title: 'Basics' });
  const pipes = await invoke(page, 'lectures.create', { sectionId: section.id, title: 'Pipes' });
  await importAndBuild(page, pipes.id, clip);

  await page.getByTestId('area-publishing').click();
  const area = page.getByRole('main', { name: 'Publishing' });
  await area.getByTestId('add-hub').click();
  const form = area.getByTestId('hub-form');
  await form.getByTestId('hub-name').fill('Temporary keys');
  await form.getByTestId('hub-endpoint').fill(s3.endpoint);
  await form.getByTestId('hub-bucket').fill(s3.bucket);
  await form.getByTestId('hub-keyPrefix').fill('expired');
  await form.getByTestId('hub-accessKeyId').fill(TEST_CREDENTIALS.accessKeyId);
  await form.getByTestId('hub-secretAccessKey').fill(TEST_CREDENTIALS.secretAccessKey);
  // Session tokens are folded away under "Advanced": most hubs use long-term keys.
  await expect(form.getByTestId('hub-sessionToken')).toBeHidden();
  await form.getByText('Advanced: temporary session token').click();
  await form.getByTestId('hub-sessionToken').fill('temporary-session-token');
  await form.getByTestId('hub-sessionExpiresAt').fill('2020-01-01T09:00');
  await form.getByTestId('hub-save').click();
  const hubCard = area.getByTestId('hub-card');
  await expect(hubCard).toContainText('Credentials expired — update the key before publishing.');

  await hubCard.getByTestId('hub-test').click();
  await expect(hubCard.getByTestId('connection-summary')).toContainText('The temporary credentials for “Temporary keys” have expired');

  await area.getByTestId('publish-course-button').click();
  await page.getByTestId('publish-confirm').click();
  const run = area.getByTestId('upload-run').first();
  await expect(run).toHaveAttribute('data-state', 'failed');
  await expect(run.getByTestId('run-error')).toContainText('The temporary credentials for “Temporary keys” have expired');
  await expect(area).not.toContainText('temporary-session-token');

  // The prompt leads to the hub's settings with the secret field ready for the new key.
  await run.getByTestId('run-update-key').click();
  const edit = area.getByTestId('hub-form');
  await expect(edit.getByTestId('hub-secretAccessKey')).toBeFocused();
  await expect(edit.getByTestId('hub-secretAccessKey')).toHaveValue('');
  await page.keyboard.type(TEST_CREDENTIALS.secretAccessKey);
  await edit.getByLabel('Remove the stored session token').check();
  await edit.getByTestId('hub-save').click();
  await expect(hubCard).not.toContainText('Credentials expired');

  await run.getByTestId('run-retry').click();
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(area.getByTestId('publication')).toContainText('Version 1 on Temporary keys');
  await expect(area.getByTestId('upload-run')).toHaveCount(1);
});

test('a hub whose bucket does not exist yet: the connection test offers to create it, and then passes', async ({ page, host }) => {
  const bucket = `lectern-e2e-new-${Date.now().toString(36)}`;
  await page.goto(host.url);
  await invoke(page, 'hubs.create', {
    name: 'New bucket hub',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    bucket,
    keyPrefix: '',
    pathStyle: true,
    accessKeyId: TEST_CREDENTIALS.accessKeyId,
    secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
  });
  try {
    await page.getByTestId('area-publishing').click();
    const hubCard = page.getByRole('main', { name: 'Publishing' }).getByTestId('hub-card');
    await hubCard.getByTestId('hub-test').click();
    const report = hubCard.getByTestId('connection-report');
    await expect(report.getByTestId('error-sentence')).toHaveText(`The bucket “${bucket}” does not exist on “New bucket hub”: create it, or correct the bucket name in the hub settings.`);
    await hubCard.getByTestId('hub-create-bucket').click();
    await expect(report.getByTestId('connection-summary')).toHaveText('Lectern can list, write, read and delete on this hub.');
    await expect(hubCard.getByTestId('hub-create-bucket')).toHaveCount(0);
  } finally {
    await s3.client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
  }
});
