import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { COURSE_ID, LECTURE_ID, MANIFEST_PATH, MEDIA_DIR, serveHub, writeFfmpegPackage } from '../helpers/hls-fixture';
import { tempDir } from '../helpers/tmp';
import { startTestHost, type TestHost } from '../host/test-host';
import { chromiumLaunchOptions } from './support/chromium';
import { contrastRatio } from './support/contrast';

/**
 * The student's offline player end to end: two short lectures of one course are downloaded from a
 * loopback hub into the test host's data folder, the hub is switched off, and the library's Play button
 * opens the player. Prints time to first frame and seek latency (lines starting `player_`).
 *
 * The host runs in this process (not the usual child process) because the test host keeps download keys
 * in an in-memory keychain: the download has to happen in the same process that later serves the keys.
 */

const SECONDS = 16;
const SECOND_LECTURE = 'lecture2';

// A fresh, silent page cannot start unmuted playback without a click; the library's Play button is the
// click in the app, so the browser is told not to demand one for the first lecture either.
const launch = chromiumLaunchOptions();
test.use({ launchOptions: { ...launch, args: [...(launch.args ?? []), '--autoplay-policy=no-user-gesture-required'] } });

/** Two lectures of the fixture course: the ffmpeg package, and a copy of it as the second lecture. */
function writeCourse(hubRoot: string): void {
  writeFfmpegPackage(hubRoot, { seconds: SECONDS });
  const second = `media/${SECOND_LECTURE}`;
  fs.cpSync(path.join(hubRoot, MEDIA_DIR), path.join(hubRoot, second), { recursive: true });
  const file = path.join(hubRoot, MANIFEST_PATH);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { lectures: { id: string; title: string; media: { master: string; files: { path: string }[] } }[] };
  const [first] = manifest.lectures;
  const copy = JSON.parse(JSON.stringify(first).replaceAll(`${MEDIA_DIR}/`, `${second}/`)) as typeof first;
  manifest.lectures.push({ ...copy!, id: SECOND_LECTURE, title: 'Quantization' });
  // The first lecture has captions, laid out and listed as the publisher writes them; the second has none.
  const captionsKey = `courses/${COURSE_ID}/lectures/${LECTURE_ID}/captions/0123456789abcdef0123/captions.vtt`;
  fs.mkdirSync(path.dirname(path.join(hubRoot, captionsKey)), { recursive: true });
  fs.writeFileSync(path.join(hubRoot, captionsKey), CAPTIONS);
  const vtt = { path: captionsKey, size: Buffer.byteLength(CAPTIONS), sha256: createHash('sha256').update(CAPTIONS).digest('hex') };
  Object.assign(manifest.lectures[0]!, { captions: { vtt, language: 'en', label: 'English' } });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}

const CAPTIONS = 'WEBVTT\n\n00:00:00.000 --> 00:00:08.000\nSampling turns a signal into numbers.\n\n00:00:08.000 --> 00:00:16.000\nNyquist says: twice the bandwidth.\n';

const video = (page: Page, expr: string) => page.evaluate(`(() => { const v = document.querySelector('[data-testid=player-video]'); return ${expr}; })()`);
const currentTime = async (page: Page) => (await video(page, 'v ? v.currentTime : -1')) as number;

function progressOf(page: Page, hubBase: string, lectureId: string) {
  return page.evaluate(
    async (key) => {
      const r = await window.lectern.invoke('progress.get', key);
      return r.ok ? r.value : null;
    },
    { hubBase, courseId: COURSE_ID, lectureId },
  );
}

async function openLecture(page: Page, title: string): Promise<void> {
  await page.getByTestId('area-library').click();
  await page.getByTestId('library-nav-downloads').click();
  await page.getByRole('button', { name: `Play ${title}` }).click();
  await expect(page.getByTestId('player-title')).toHaveText(title);
}

/** Clicks the seek bar `fraction` of the way along, as a student would. */
async function clickSeekBar(page: Page, fraction: number): Promise<void> {
  const bar = page.getByTestId('player-seek');
  await bar.scrollIntoViewIfNeeded();
  const box = (await bar.boundingBox())!;
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

/** ms from opening the lecture to its first frame playing (User Timing marks the player sets). */
const timeToFirstFrame = (page: Page) =>
  page.waitForFunction(() => {
    const open = performance.getEntriesByName('lectern:lecture-open').at(-1);
    const first = performance.getEntriesByName('lectern:ttff').at(-1);
    return open && first && first.startTime >= open.startTime ? first.startTime + first.duration - open.startTime : false;
  }).then((h) => h.jsonValue() as Promise<number>);

/** Marks every key press and click, so a seek's latency is measured from the student's input. */
const markInputs = (page: Page) =>
  page.evaluate(() => {
    for (const type of ['keydown', 'mousedown']) window.addEventListener(type, () => performance.mark('e2e:input'), { capture: true });
  });

/** ms from the last input to the end of the seek it caused (`seeking` → `seeked`, measured by the player). */
const seekLatency = async (page: Page) =>
  (await (
    await page.waitForFunction(() => {
      const input = performance.getEntriesByName('e2e:input').at(-1);
      const seek = performance.getEntriesByName('lectern:seek').at(-1);
      return input && seek && seek.startTime >= input.startTime ? seek.startTime + seek.duration - input.startTime : false;
    })
  ).jsonValue()) as number;

let tmp: ReturnType<typeof tempDir>;
let host: TestHost;
let hubBase: string;

test.beforeAll(async () => {
  tmp = tempDir('lectern-e2e-player-');
  const hubRoot = path.join(tmp.dir, 'hub');
  writeCourse(hubRoot);
  const hub = await serveHub(hubRoot);
  host = await startTestHost({ dataDir: path.join(tmp.dir, 'data') });
  const { downloads } = host.services.library;
  for (const lectureId of [LECTURE_ID, SECOND_LECTURE]) {
    const { id } = await downloads.add({ hubBaseUrl: hub.url, manifestPath: MANIFEST_PATH, lectureId, quality: { kind: 'highest' } });
    await downloads.start(id);
    expect(downloads.get(id).state).toBe('completed');
  }
  hubBase = downloads.list()[0]!.hubBase;
  // Offline from here on: everything the player needs comes from the app's own origin.
  await hub.close();
});

test.afterAll(async () => {
  await host?.close();
  tmp?.cleanup();
});

test('plays a downloaded lecture offline: seeking, speed, resume after reload, completion and the next lecture', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);

  await openLecture(page, 'Sampling');
  const ttff = await timeToFirstFrame(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);

  // → seeks 5 s ahead, from wherever focus is (not a text field).
  await markInputs(page);
  const before = await currentTime(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => currentTime(page)).toBeGreaterThan(before + 4);
  const keySeekMs = await seekLatency(page);
  // J goes back 10 s (here to the start); M mutes and unmutes.
  const ahead = await currentTime(page);
  await page.keyboard.press('j');
  await expect.poll(() => currentTime(page)).toBeLessThan(Math.max(0, ahead - 10) + 2);
  await page.keyboard.press('m');
  expect(await video(page, 'v.muted')).toBe(true);
  await page.keyboard.press('m');
  expect(await video(page, 'v.muted')).toBe(false);

  // A click on the seek bar a quarter of the way along.
  await clickSeekBar(page, 0.25);
  await expect.poll(() => currentTime(page)).toBeLessThan(SECONDS * 0.25 + 1.5);
  expect(await currentTime(page)).toBeGreaterThan(SECONDS * 0.25 - 1.5);
  const clickSeekMs = await seekLatency(page);

  await page.getByTestId('player-speed').selectOption('1.5');
  expect(await video(page, 'v.playbackRate')).toBe(1.5);

  // Pause (Space) saves at once; a reload brings the student back to the same place.
  await page.keyboard.press('Space');
  await expect.poll(() => video(page, 'v.paused')).toBe(true);
  const stoppedAt = await currentTime(page);
  await expect.poll(async () => (await progressOf(page, hubBase, LECTURE_ID))?.positionSec).toBeCloseTo(stoppedAt, 1);
  await page.reload();
  await openLecture(page, 'Sampling');
  const resumeTtff = await timeToFirstFrame(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(stoppedAt - 0.5);
  expect(await currentTime(page)).toBeLessThan(stoppedAt + 3);

  // Closing the page mid-play (no pause, well before the next periodic save) keeps the place too.
  await page.keyboard.press('ArrowRight');
  const leftAt = await currentTime(page);
  expect(leftAt).toBeGreaterThan(stoppedAt + 4);
  await page.reload();
  await openLecture(page, 'Sampling');
  await expect.poll(() => currentTime(page)).toBeGreaterThan(leftAt - 0.5);

  // Watching past 90 % completes the lecture; its end offers the next one, which Cancel declines…
  await clickSeekBar(page, 0.92);
  await expect(page.getByTestId('player-next')).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await progressOf(page, hubBase, LECTURE_ID))?.completed).toBe(true);
  await page.getByTestId('player-next-cancel').click();
  await expect(page.getByTestId('player-next')).toBeHidden();

  // …and the countdown, left alone, moves on to it.
  await clickSeekBar(page, 0.92);
  await page.getByTestId('player-play').click();
  await expect(page.getByTestId('player-next-countdown')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('player-title')).toHaveText('Quantization', { timeout: 10_000 });
  await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);
  const course = await page.evaluate((hub) => window.lectern.invoke('progress.course', { hubBase: hub, courseId: 'course1' }), hubBase);
  expect(course).toMatchObject({ ok: true, value: { completed: 1, total: 2 } });

  // Escape closes the player, which keeps the place it was closed at.
  const closedAt = await currentTime(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('downloads-page')).toBeVisible();
  await expect.poll(async () => (await progressOf(page, hubBase, SECOND_LECTURE))?.positionSec ?? -1).toBeGreaterThanOrEqual(closedAt);

  expect(errors).toEqual([]);
  // For docs/PERFORMANCE.md, next to the library bench.
  console.log(`player_ttff_ms=${ttff.toFixed(0)}`);
  console.log(`player_resume_ttff_ms=${resumeTtff.toFixed(0)}`);
  console.log(`player_seek_key_ms=${keySeekMs.toFixed(0)}`);
  console.log(`player_seek_click_ms=${clickSeekMs.toFixed(0)}`);
});

test('a download whose files are gone from disk says so and leads back to the library', async ({ page }) => {
  const broken = host.services.library.downloads.list().find((d) => d.lectureId === SECOND_LECTURE)!;
  const folder = path.join(host.services.dataDir, 'library', broken.id);
  for (const name of fs.readdirSync(folder)) fs.rmSync(path.join(folder, name));

  await page.goto(host.url);
  await openLecture(page, 'Quantization');
  await expect(page.getByTestId('player-failure')).toContainText('Part of this download is missing or damaged');
  expect(await contrastRatio(page.getByRole('button', { name: 'Back to the library' }))).toBeGreaterThanOrEqual(4.5);
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.getByTestId('downloads-page')).toBeVisible();
});

test('a downloaded lecture with captions shows the captions button and a text track with its cues; one without has neither', async ({ page }) => {
  const captionsRequests: Record<string, string>[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/captions.vtt')) captionsRequests.push(r.headers());
  });
  await page.goto(host.url);
  await openLecture(page, 'Sampling');
  const button = page.getByTestId('player-captions');
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const track = () =>
    video(page, 'v && v.textTracks[0] ? { kind: v.textTracks[0].kind, language: v.textTracks[0].language, label: v.textTracks[0].label, mode: v.textTracks[0].mode, cues: v.textTracks[0].cues ? [...v.textTracks[0].cues].map((c) => c.text) : [] } : null');
  await expect.poll(track, { timeout: 10_000 }).toEqual({
    kind: 'captions',
    language: 'en',
    label: 'English',
    mode: 'showing',
    cues: ['Sampling turns a signal into numbers.', 'Nyquist says: twice the bandwidth.'],
  });
  // The player asked for them as the app's player (decrypted captions are not served to anyone else).
  expect(captionsRequests.some((h) => h['x-lectern-player'] === '1')).toBe(true);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => ((await track()) as { mode: string } | null)?.mode).toBe('hidden');

  // Another origin gets nothing, and the file on disk is ciphertext.
  const download = host.services.library.downloads.list().find((d) => d.lectureId === LECTURE_ID)!;
  const refused = await fetch(new URL(`/media/${download.id}/captions.vtt`, host.url), { headers: { origin: 'http://evil.example' } });
  expect(refused.status).toBe(403);
  const folder = path.join(host.services.library.libraryDir, download.id);
  const stored = fs.readdirSync(folder).map((n) => fs.readFileSync(path.join(folder, n)));
  expect(stored.some((b) => b.includes('Nyquist'))).toBe(false);

  await openLecture(page, 'Quantization');
  await expect(page.getByTestId('player-video')).toBeVisible();
  await expect(page.getByTestId('player-captions')).toHaveCount(0);
  expect(await video(page, 'v ? v.textTracks.length : -1')).toBe(0);
});
