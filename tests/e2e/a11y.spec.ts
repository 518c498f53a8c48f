import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { writeCatalog } from '../helpers/catalog-hub';
import { LECTURE_ID, MANIFEST_PATH, serveHub, writeFfmpegPackage, type Hub } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { startTestHost, type TestHost } from '../host/test-host';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { addHub } from './support/long-hub';

/**
 * axe-core on every main screen in light and dark colour schemes. Serious and critical violations fail
 * the test; every screen's counts per impact go to test-results/a11y.json (and are printed as
 * `a11y_<scheme>_<screen>=critical/serious/moderate/minor`) so a reviewer can cite them.
 */

const RESULT_FILE = path.resolve('test-results/a11y.json');
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof IMPACTS)[number];
type Scheme = 'light' | 'dark';

interface ScreenResult {
  screen: string;
  scheme: Scheme;
  counts: Record<Impact, number>;
  blocking: { id: string; impact: string; help: string; targets: string[] }[];
  others: { id: string; impact: string; help: string; targets: string[] }[];
}

let tmp: ReturnType<typeof tempDir>;
let host: TestHost;
let hub: Hub;
const results: ScreenResult[] = [];

test.beforeAll(async () => {
  tmp = tempDir('lectern-e2e-a11y-');
  const hubRoot = path.join(tmp.dir, 'hub');
  writeFfmpegPackage(hubRoot, { seconds: 4 });
  writeCatalog(hubRoot, { subtitle: 'Sampling and aliasing', tags: ['dsp'] });
  hub = await serveHub(hubRoot);
  host = await startTestHost({ dataDir: path.join(tmp.dir, 'data') });
  const { downloads } = host.services.library;
  const { id } = await downloads.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId: LECTURE_ID, quality: { kind: 'highest' } });
  await downloads.start(id);
  expect(downloads.get(id).state).toBe('completed');
});

test.afterAll(async () => {
  fs.mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  fs.writeFileSync(RESULT_FILE, `${JSON.stringify(results, null, 2)}\n`);
  await host?.close();
  await hub?.close().catch(() => {});
  tmp?.cleanup();
});

async function audit(page: Page, screen: string, scheme: Scheme): Promise<void> {
  // Transitions would let axe read colours halfway between two states.
  await page.waitForTimeout(250);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[(v.impact ?? 'minor') as Impact] += v.nodes.length;
  const all = violations.map((v) => ({ id: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  const isBlocking = (impact: string) => impact === 'serious' || impact === 'critical';
  const blocking = all.filter((v) => isBlocking(v.impact));
  results.push({ screen, scheme, counts, blocking, others: all.filter((v) => !isBlocking(v.impact)) });
  console.log(`a11y_${scheme}_${screen}=${IMPACTS.map((i) => counts[i]).join('/')}`);
  for (const b of all) console.log(`  ${b.impact} ${b.id}: ${b.help} — ${b.targets.join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every main screen passes axe without serious or critical violations (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    const before = results.length;

    await page.getByTestId('area-studio').click();
    await audit(page, 'studio-course-list', scheme);

    const create = page.getByRole('button', { name: 'Create your first course' });
    if (await create.isVisible()) await create.click();
    else await page.getByRole('navigation', { name: 'Courses' }).getByRole('button').first().click();
    if ((await page.getByTestId('section').count()) === 0) {
      await addSection(page, 'Week 1');
      await addLecture(page, 0, 'Sampling');
    }
    await expect(lectures(page).first()).toBeVisible();
    // The window title names the open course (the Electron window follows the page title).
    await expect(page).toHaveTitle(/^.+ — Lectern$/);
    expect(await page.title()).not.toBe('Studio — Lectern');
    await audit(page, 'course-editor', scheme);

    const row = lectures(page).first();
    await row.getByTestId('media-summary').click();
    await expect(row.getByTestId('media-add')).toBeVisible();
    await audit(page, 'lecture-media-panel', scheme);

    // A hub profile, so the hub card (share address, connection test) is audited too. Nothing is sent to it.
    await page.evaluate(async () => {
      const { lectern } = window as unknown as { lectern: { invoke(c: string, i: unknown): Promise<unknown> } };
      const hubs = (await lectern.invoke('hubs.list', {})) as { ok: boolean; value: unknown[] };
      if (hubs.ok && hubs.value.length > 0) return;
      await lectern.invoke('hubs.create', {
        name: 'Course hub',
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        bucket: 'lectern-courses',
        keyPrefix: 'hub',
        pathStyle: false,
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'not-a-real-secret',
      });
    });
    await page.getByTestId('area-publishing').click();
    await expect(page.getByRole('main', { name: 'Publishing' })).toBeVisible();
    await expect(page).toHaveTitle('Publishing — Lectern');
    await expect(page.getByTestId('app-logo')).toBeVisible();
    await expect(page.getByTestId('hub-share-address')).toHaveValue('https://lectern-courses.s3.eu-west-1.amazonaws.com/hub/');
    await audit(page, 'publishing', scheme);
    await page.getByTestId('hub-edit').click();
    await page.getByText('Advanced: temporary session token').click();
    await expect(page.getByTestId('hub-sessionToken')).toBeVisible();
    await audit(page, 'publishing-hub-form', scheme);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('area-settings').click();
    await expect(page.getByRole('main', { name: 'Settings' })).toBeVisible();
    await audit(page, 'settings-updates', scheme);

    await page.getByTestId('area-library').click();
    await addHub(page, hub.url).catch(() => {});
    await page.reload();
    await page.getByTestId('area-library').click();
    await page.getByTestId('library-nav-catalog').click();
    const course = page.getByTestId('catalog-course');
    await expect(course).toHaveCount(1);
    await audit(page, 'library-catalog', scheme);

    await course.getByRole('button', { name: /^Open / }).click();
    await expect(page.getByTestId('course-page')).toBeVisible();
    await audit(page, 'course-page', scheme);

    await page.getByTestId('library-nav-downloads').click();
    await expect(page.getByTestId('downloads-page')).toBeVisible();
    await audit(page, 'downloads', scheme);

    await page.getByRole('button', { name: /^Play / }).first().click();
    const videoEl = page.getByTestId('player-video');
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await videoEl.evaluate((v: HTMLVideoElement) => v.pause());
    await audit(page, 'player', scheme);

    const failing = results.slice(before).filter((r) => r.blocking.length > 0);
    expect(failing.map((r) => ({ screen: r.screen, blocking: r.blocking.map((b) => `${b.impact} ${b.id}: ${b.targets.join(', ')}`) }))).toEqual([]);
  });
}
