import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeCatalog } from '../helpers/catalog-hub';
import { serveHub, writeFfmpegPackage, writeManifest, type Hub } from '../helpers/hls-fixture';
import { makeVideo } from '../helpers/media';
import { connectS3TestServer, TEST_CREDENTIALS, type S3TestServer } from '../helpers/s3-server';
import { tempDir } from '../helpers/tmp';
import { recordingLaunchOptions } from './support/chromium';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { collectTexts, describeLeftovers, englishMessages, findEnglish, type Catalog } from './support/english-text';
import { en, ko, text } from './support/catalogs';
import { test, expect } from './support/fixtures';
import { queueDialogAnswer } from './support/host-process';
import { invoke } from './support/invoke';

// Fake camera and microphone, so the recording studio opens with devices chosen (top level: it picks the browser).
test.use({ launchOptions: recordingLaunchOptions() });

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
  await shot(page, 'switch-settings-ko');

  // The studio: welcome panel, then the course list once a course exists.
  await page.keyboard.press('Control+1');
  const welcome = page.getByTestId('welcome-panel');
  await expect(welcome.getByRole('heading')).toHaveText(text(ko, 'welcome.title'));
  await expect(welcome.getByText(text(ko, 'welcome.intro'))).toBeVisible();
  await expect(welcome.getByText(text(ko, 'welcome.note'))).toBeVisible();
  await expect(page.getByTestId('create-first-course')).toHaveText(text(ko, 'welcome.create'));
  await expect(page.getByTestId('new-course')).toHaveText(text(ko, 'courses.new'));
  await shot(page, 'switch-welcome-ko');

  await page.getByTestId('create-first-course').click();
  await expect(page.getByTestId('course-item')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: text(ko, 'courses.heading') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: text(ko, 'courses.nav') })).toBeVisible();
  await expect(page.getByTestId('course-item').locator('.course-item-meta')).toContainText(/섹션 \d+개 · 강의 \d+개/);
  await shot(page, 'switch-course-list-ko');

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

/*
 * The whole journey in Korean: the host starts with 한국어 as the saved setting (in a Chromium whose own
 * language is English), and every main screen is scanned for English — English catalog messages and any
 * Latin-letter word that is not a proper name, a unit, a URL, a path, a file name or a fixture string.
 * Each screen's leftovers are reported (soft assertions: one run lists every screen) as
 * `[screen] source: "text" — same as English message <key> | English words: …`.
 */
test.describe('the whole journey in 한국어', () => {
  test.use({ hostLanguage: 'ko', viewport: { width: 1280, height: 1000 } });

  const COURSE = '데이터 분석 입문';
  const LIBRARY_COURSE = '신호 처리 기초';
  const KEY_PREFIX = 'hub';
  const LEFTOVERS_FILE = path.resolve('test-results/i18n-english-leftovers.txt');
  let work: ReturnType<typeof tempDir>;
  let hub: Hub;
  let s3: S3TestServer;
  /** For the translators, test-results/i18n-english-leftovers.txt: each text once, under the first screen showing it. */
  const reports: string[] = [];
  const reported = new Set<string>();

  test.beforeAll(async () => {
    work = tempDir('lectern-e2e-i18n-');
    // The student's hub: one downloadable lecture, titled in Korean.
    const hubRoot = path.join(work.dir, 'hub');
    writeFfmpegPackage(hubRoot, { seconds: 4 });
    writeManifest(hubRoot, {
      root: { title: LIBRARY_COURSE, description: '표본화와 에일리어싱을 예제로 배웁니다.' },
      lecture: { title: '표본화', summary: '왜 44.1 kHz일까요?', freePreview: true },
    });
    writeCatalog(hubRoot, { subtitle: '표본화와 에일리어싱', tags: ['신호'] });
    hub = await serveHub(hubRoot);
    s3 = await connectS3TestServer('i18n');
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
  });
  test.afterAll(async () => {
    fs.mkdirSync(path.dirname(LEFTOVERS_FILE), { recursive: true });
    const header = 'English left on the Korean screens (each text under the first screen that shows it):';
    fs.writeFileSync(LEFTOVERS_FILE, reports.length > 0 ? `${header}\n\n${reports.join('\n\n')}\n` : 'No English found on any screen.\n');
    await hub?.close().catch(() => {});
    await s3?.close();
    work?.cleanup();
  });

  test('every main screen shows no English but proper names, and switching to English redraws the editor', async ({ page, host }) => {
    test.setTimeout(240_000);
    const messages = englishMessages(en, ko);
    const fixtures = [s3.bucket, TEST_CREDENTIALS.accessKeyId, hub.url, host.dataDir, `${KEY_PREFIX}/`];
    /** Scans the page (or the part `root` selects, such as an open dialog), screenshots it and reports what is English. */
    const scan = async (screen: string, opts: { root?: string; ignore?: string[]; extra?: string[] } = {}) => {
      // Let entrance transitions and late loads settle, so the screenshot shows what was scanned.
      await page.waitForTimeout(300);
      const items = await collectTexts(page, opts);
      await page.screenshot({ path: path.join(SCREENS_DIR, `i18n-${screen}-ko.png`) });
      const leftovers = findEnglish(items, messages, { fixtures: [...fixtures, ...(opts.extra ?? [])] });
      const fresh = leftovers.filter((l) => !reported.has(`${l.source}: ${l.text}`));
      for (const l of fresh) reported.add(`${l.source}: ${l.text}`);
      if (fresh.length > 0) reports.push(describeLeftovers(screen, fresh));
      // Soft: one run reports every screen, not only the first with English on it.
      expect.soft(leftovers.length, describeLeftovers(screen, leftovers)).toBe(0);
    };
    const dialog = 'dialog[open]';

    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByTestId('welcome-panel')).toBeVisible();
    await scan('welcome');

    // The studio: a new course, its delete confirmation, then its outline and description in Korean.
    await page.getByTestId('create-first-course').click();
    const editor = page.getByTestId('course-editor');
    await expect(editor).toBeVisible();
    await scan('course-editor-new');
    await page.getByTestId('delete-course').click();
    await expect(page.locator(dialog)).toBeVisible();
    await scan('delete-course-dialog', { root: dialog });
    await page.keyboard.press('Escape');
    await expect(page.locator(dialog)).toHaveCount(0);

    await page.getByTestId('course-title').fill(COURSE);
    await page.getByTestId('course-subtitle').fill('처음 배우는 사람을 위한 데이터 분석');
    await addSection(page, '1주차: 데이터 다루기');
    await addLecture(page, 0, '표본 추출');
    await addLecture(page, 0, '데이터 정리');
    await page.getByTestId('course-description').click();
    await page.keyboard.type('이 강의는 데이터 분석의 기초를 다룹니다.');
    await expect(page.getByTestId('course-item').first()).toContainText(COURSE);
    await scan('course-editor');

    // A lecture's media panel before any video, then the recording studio (opened, nothing recorded).
    const row = lectures(page).first();
    await row.getByTestId('media-summary').click();
    await expect(row.getByTestId('media-add')).toBeVisible();
    await scan('lecture-media-empty');
    await row.getByTestId('media-record').click();
    const studio = page.getByTestId('recording-panel');
    await expect(studio).toBeVisible();
    await expect(studio.getByTestId('rec-camera')).not.toHaveValue('');
    await expect(studio.getByTestId('rec-mic')).not.toHaveValue('');
    // Device names come from the system (Chromium's fake devices), like a file name: not UI text.
    const devices = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => d.label).filter(Boolean));
    await scan('recording-studio', { root: '[data-testid="recording-panel"]', extra: devices });
    await studio.getByTestId('rec-close').click();
    await expect(studio).toBeHidden();

    // Publishing before any hub, the add-hub form (with a refused bucket name), then the hub with its connection test.
    await page.keyboard.press('Control+2');
    await expect(page.getByTestId('hubs-empty')).toBeVisible();
    await scan('publishing-empty');
    await page.getByTestId('add-hub').click();
    const form = page.getByTestId('hub-form');
    await form.getByTestId('hub-name').fill('강의 허브');
    await form.getByTestId('hub-endpoint').fill(s3.endpoint);
    await form.getByTestId('hub-bucket').fill('Not A Bucket');
    await form.getByTestId('hub-keyPrefix').fill(KEY_PREFIX);
    await form.getByTestId('hub-accessKeyId').fill(TEST_CREDENTIALS.accessKeyId);
    await form.getByTestId('hub-secretAccessKey').fill(TEST_CREDENTIALS.secretAccessKey);
    await form.getByTestId('hub-save').click();
    await expect(form.locator('.field-error, [role="alert"]').first()).toBeVisible();
    await scan('hub-form');
    await form.getByTestId('hub-bucket').fill(s3.bucket);
    await form.getByTestId('hub-save').click();
    const hubCard = page.getByTestId('hub-card');
    await expect(hubCard).toContainText('강의 허브');
    await hubCard.getByTestId('hub-test').click();
    await expect(hubCard.getByTestId('connection-summary')).toBeVisible({ timeout: 30_000 });
    await scan('publishing-hubs');
    await hubCard.getByTestId('hub-delete').click();
    await expect(page.locator(dialog)).toBeVisible();
    await scan('remove-hub-dialog', { root: dialog });
    await page.keyboard.press('Escape');

    // The pre-publish check stops a course whose lectures have no video yet.
    const publishRow = page.getByTestId('publish-course').filter({ hasText: COURSE });
    await publishRow.getByTestId('publish-course-button').click();
    await expect(page.getByTestId('publish-problems')).toBeVisible();
    await scan('publish-check-problems', { root: '[data-testid="publish-dialog"]' });
    await page.keyboard.press('Escape');

    // One lecture with a built video: its media panel, then a real publish run to the local S3 store.
    const course = (await invoke(page, 'courses.list', {})).find((c) => c.title === COURSE)!;
    const detail = await invoke(page, 'courses.get', { courseId: course.id });
    const [first, second] = detail.sections[0]!.lectures;
    await invoke(page, 'lectures.delete', { lectureId: second!.id });
    const video = makeVideo(path.join(work.dir, '표본 추출.mp4'), { durationSec: 2 });
    await invoke(page, 'media.import', { lectureId: first!.id, filePath: video });
    const jobs = await invoke(page, 'media.build', { lectureId: first!.id, wait: true });
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    await page.reload();
    await page.keyboard.press('Control+1');
    await expect(editor).toBeVisible();
    const built = lectures(page).first();
    await built.getByTestId('media-summary').click();
    await expect(built.locator('[data-testid="media-job"][data-kind="ladder"]')).toHaveAttribute('data-status', 'done');
    await built.getByTestId('media-preview-toggle').click();
    await expect(built.getByTestId('player-seek')).toBeVisible();
    await scan('lecture-media');

    await page.keyboard.press('Control+2');
    await publishRow.getByTestId('publish-course-button').click();
    await expect(page.getByTestId('publish-check-ok')).toBeVisible();
    await scan('publish-confirm', { root: '[data-testid="publish-dialog"]' });
    await page.getByTestId('publish-confirm').click();
    await expect(page.getByTestId('upload-run').first()).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(publishRow.getByTestId('publication')).toBeVisible();
    await scan('publishing-run');

    // The library: first run, the catalog, a course page, the download dialog, downloads, storage, the player.
    await page.keyboard.press('Control+3');
    const empty = page.getByTestId('library-empty');
    await expect(empty).toBeVisible();
    await scan('library-empty');
    await empty.getByTestId('hub-url').fill(hub.url);
    await empty.getByTestId('hub-url').press('Enter');
    const card = page.getByTestId('catalog-course');
    await expect(card).toHaveCount(1);
    await scan('library-catalog');
    await card.getByRole('button', { name: new RegExp(LIBRARY_COURSE) }).click();
    await expect(page.getByTestId('course-page')).toBeVisible();
    await expect(page.getByTestId('course-lecture')).toHaveCount(1);
    await scan('course-page');
    await page.getByTestId('download-course').click();
    await expect(page.getByTestId('download-total')).toBeVisible();
    await scan('download-dialog', { root: '[data-testid="download-dialog"]' });
    await page.getByTestId('download-confirm').click();
    await expect(page.getByTestId('download-controls')).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    await scan('course-page-downloaded');
    await page.getByTestId('library-nav-downloads').click();
    await expect(page.getByTestId('download-item')).toHaveCount(1);
    await scan('downloads');
    await page.getByTestId('library-nav-storage').click();
    await expect(page.getByTestId('storage-row')).toHaveCount(1);
    await scan('storage');
    await page.getByTestId('library-nav-downloads').click();
    await page.getByTestId('play').first().click();
    const player = page.getByTestId('player-video');
    await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await player.evaluate((v: HTMLVideoElement) => v.pause());
    await scan('player');
    await page.keyboard.press('Escape');

    // Settings: language, updates (an update found by the scripted updater) and an exported diagnostics bundle.
    await page.keyboard.press('Control+4');
    await expect(page.getByTestId('language-select')).toHaveValue('ko');
    await scan('settings');
    await page.getByTestId('updates-check').click();
    await expect(page.getByTestId('updates-download')).toBeVisible();
    const support = path.join(work.dir, '진단');
    fs.mkdirSync(support);
    await queueDialogAnswer(host, support);
    await page.getByTestId('diagnostics-export').click();
    await expect(page.getByTestId('diagnostics-path')).toBeVisible({ timeout: 30_000 });
    // Release notes are the feed's own text, in whatever language it was written.
    await scan('settings-update-diagnostics', { ignore: ['[data-testid="updates-notes"]'] });

    // At run time, Korean → English redraws a deep screen (the course editor) without a reload, and back.
    await expectEditorIn(page, ko);
    await page.keyboard.press('Control+4');
    await page.getByTestId('language-select').selectOption('en');
    await expectEditorIn(page, en);
    await page.keyboard.press('Control+4');
    await page.getByTestId('language-select').selectOption('ko');
    await expectEditorIn(page, ko);
  });
});

/** Opens the studio's course editor and checks its tabs and its translated parts read as the catalog `m` says. */
async function expectEditorIn(page: Page, m: Catalog): Promise<void> {
  await page.keyboard.press('Control+1');
  const editor: Locator = page.getByRole('main', { name: text(m, 'studio.editorLabel') });
  await expect(editor.getByTestId('course-editor')).toBeVisible();
  await expect(page.locator('.area-tab')).toHaveText(tabs(m));
  await expect(page.getByTestId('delete-course')).toHaveText(text(m, 'editor.deleteCourse'));
  await expect(page.getByTestId('course-subtitle')).toHaveAttribute('placeholder', text(m, 'editor.subtitlePlaceholder'));
  await expect(page.locator('html')).toHaveAttribute('lang', m === ko ? 'ko' : 'en');
}
