import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { LectureMedia, RecordingTake } from '../../main/contract/types';
import { recordingLaunchOptions } from './support/chromium';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { test, expect } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { guardPage } from './support/page-guard';

// Fake camera, microphone and screen: Chromium's own test devices (see recordingLaunchOptions).
test.use({ viewport: { width: 1280, height: 800 }, launchOptions: recordingLaunchOptions() });
test.describe.configure({ timeout: 180_000 });

let guard: ReturnType<typeof guardPage>;
test.beforeEach(({ page }) => {
  // The killed host's WebSocket closing is provoked on purpose in the crash test.
  guard = guardPage(page, [/WebSocket/i, /ERR_CONNECTION_REFUSED/, /Failed to load resource/]);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

async function courseWithLecture(page: Page, url: string, title: string): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Create your first course' }).click();
  await addSection(page, 'Week 1');
  await addLecture(page, 0, title);
  const row = lectures(page).first();
  await row.getByTestId('media-summary').click();
  return row;
}

/** Opens the panel with the fake screen, camera and microphone chosen, and records until the timer reads `seconds`. */
async function openStudio(page: Page, row: Locator, screen = true): Promise<Locator> {
  await row.getByTestId('media-record').click();
  const panel = page.getByTestId('recording-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('rec-camera')).not.toHaveValue('');
  await expect(panel.getByTestId('rec-mic')).not.toHaveValue('');
  if (screen) {
    await panel.getByTestId('rec-screen-browser').click();
    await expect(panel.getByTestId('rec-screen-state')).toHaveText('Screen: shown in the preview.');
  }
  await expect.poll(() => panel.getByTestId('rec-level').evaluate((m: HTMLMeterElement) => m.value), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(panel.getByTestId('rec-disk')).toContainText('of recording');
  return panel;
}

async function startRecording(panel: Locator): Promise<void> {
  await panel.getByTestId('rec-record').click();
  await expect(panel.getByTestId('rec-countdown')).toHaveText('3');
  await expect(panel.getByTestId('rec-timer')).toBeVisible({ timeout: 10_000 });
}

/** Waits until the panel's timer (recorded time, pauses excluded) reaches `ms`. */
async function recordUntil(panel: Locator, ms: number): Promise<void> {
  await expect.poll(async () => Number(await panel.getByTestId('rec-timer').getAttribute('data-elapsed-ms')), { timeout: ms + 30_000, intervals: [100] }).toBeGreaterThanOrEqual(ms);
}

/**
 * Presses a panel button the moment the timer reaches `ms`, from inside the page: a Playwright click
 * after polling adds a few hundred milliseconds of recording that the 30 ± 0.5 s check would count.
 */
async function pressAt(panel: Locator, ms: number, testId: string): Promise<void> {
  await panel.page().waitForFunction(
    ([at, id]) => {
      const timer = document.querySelector('[data-testid="recording-panel"] [data-testid="rec-timer"]');
      if (Number(timer?.getAttribute('data-elapsed-ms')) < at) return false;
      document.querySelector<HTMLButtonElement>(`[data-testid="recording-panel"] [data-testid="${id}"]`)!.click();
      return true;
    },
    [ms, testId] as const,
    { polling: 'raf', timeout: ms + 30_000 },
  );
}

const invoke = <T>(page: Page, channel: string, input: object): Promise<T> =>
  page.evaluate(
    async ([c, i]) => {
      const env = await window.lectern.invoke(c as never, i as never);
      if (!env.ok) throw new Error(env.error.message);
      return env.value as unknown;
    },
    [channel, input] as const,
  ) as Promise<T>;

async function lectureMedia(page: Page, row: Locator): Promise<LectureMedia> {
  return invoke<LectureMedia>(page, 'media.get', { lectureId: (await row.getAttribute('data-lecture-id'))! });
}

async function takes(page: Page, row: Locator): Promise<RecordingTake[]> {
  return invoke<RecordingTake[]>(page, 'recordings.list', { lectureId: (await row.getAttribute('data-lecture-id'))! });
}

/** Seeks a <video> to a fraction of its duration and waits until it shows that frame. */
async function seekTo(video: Locator, fraction: number): Promise<number> {
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  return video.evaluate(
    (v: HTMLVideoElement, f) =>
      new Promise<number>((resolve, reject) => {
        const target = v.duration * f;
        v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
        v.addEventListener('error', () => reject(new Error(`video error ${v.error?.code}`)), { once: true });
        v.currentTime = target;
      }),
    fraction,
  );
}

test('screen + camera + mic: 20 s, a 5 s pause, 10 s more → a 30 s lecture video with sound, built and seekable', async ({ page, host }) => {
  const row = await courseWithLecture(page, host.url, 'Recorded lecture');
  const panel = await openStudio(page, row);
  await startRecording(panel);

  // Frame pacing of the page while recording: how many animation frames came late (> 25 ms apart at 60 Hz).
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await pressAt(panel, 20_000, 'rec-pause');
  await expect(panel.getByTestId('rec-resume')).toBeVisible();
  const pausedAt = Number(await panel.getByTestId('rec-timer').getAttribute('data-elapsed-ms'));
  await page.waitForTimeout(5000);
  expect(Number(await panel.getByTestId('rec-timer').getAttribute('data-elapsed-ms'))).toBe(pausedAt);
  await panel.getByTestId('rec-resume').click();
  await recordUntil(panel, 29_000);
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const late = frames.slice(1).filter((t, i) => t - frames[i]! > 25).length;
  test.info().annotations.push({ type: 'preview frames', description: `${frames.length} frames, ${late} late (> 25 ms) while recording` });
  console.log(`recording preview: ${frames.length} animation frames, ${late} late (> 25 ms)`);
  await pressAt(panel, 30_000, 'rec-stop');
  await expect(panel).toHaveCount(0, { timeout: 30_000 });

  // The take is listed, finished and in use; it became the lecture's source and the pipeline ran on it.
  const take = row.getByTestId('take').first();
  await expect(take).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(take).toContainText('Lecture video');
  await expect.poll(async () => (await lectureMedia(page, row)).source?.probe.durationSec ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  const media = await lectureMedia(page, row);
  const duration = media.source!.probe.durationSec!;
  expect(Math.abs(duration - 30), `source duration ${duration} s`).toBeLessThanOrEqual(0.5);
  expect(media.source!.probe.video).not.toBeNull();
  expect(media.source!.probe.audio).not.toBeNull();
  for (const kind of ['poster', 'storyboard', 'ladder', 'preview']) {
    await expect(row.locator(`[data-testid="media-job"][data-kind="${kind}"]`)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  }

  // The preview player seeks to 90 %.
  await row.getByTestId('media-preview-toggle').click();
  const video = row.getByTestId('player-video');
  const at = await seekTo(video, 0.9);
  expect(at).toBeGreaterThan(26);
});

test('a take survives SIGKILL of the host: the recovery prompt recovers it (playable, seekable), and Discard removes another', async ({ page, host }) => {
  const row = await courseWithLecture(page, host.url, 'Crash course');
  const lectureId = (await row.getAttribute('data-lecture-id'))!;
  let panel = await openStudio(page, row, false);
  await startRecording(panel);
  await recordUntil(panel, 15_000);
  await host.kill();

  // The app comes back on the same data folder and asks about the take.
  let next = await startHostProcess(host.dataDir);
  try {
    await page.goto(next.url);
    const prompt = page.getByTestId('recovery-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt.getByTestId('recovery-take')).toHaveCount(1);
    await prompt.getByTestId('recovery-recover').click();
    await expect(prompt).toHaveCount(0, { timeout: 30_000 });

    const recovered = await expect
      .poll(async () => (await invoke<RecordingTake[]>(page, 'recordings.list', { lectureId })).find((t) => t.state === 'ready'), { timeout: 60_000 })
      .toBeTruthy()
      .then(async () => (await invoke<RecordingTake[]>(page, 'recordings.list', { lectureId }))[0]!);
    expect(recovered.durationSec).toBeGreaterThanOrEqual(13);
    const again = lectures(page).first();
    await again.getByTestId('media-summary').click();
    const take = again.getByTestId('take').first();
    await take.getByTestId('take-play').click();
    const at = await seekTo(take.getByTestId('take-video'), 0.9);
    expect(at).toBeGreaterThan(recovered.durationSec * 0.8);

    // A second take, killed after 3 s, is discarded from the prompt: its files go.
    panel = await openStudio(page, again, false);
    await startRecording(panel);
    await recordUntil(panel, 3000);
    await next.kill();
    next = await startHostProcess(host.dataDir);
    await page.goto(next.url);
    await expect(prompt.getByTestId('recovery-take')).toHaveCount(1);
    const discardedId = (await prompt.getByTestId('recovery-take').getAttribute('data-take-id'))!;
    expect(fs.existsSync(path.join(host.dataDir, 'recordings', discardedId))).toBe(true);
    await prompt.getByTestId('recovery-discard').click();
    await prompt.getByTestId('recovery-discard-yes').click();
    await expect(prompt).toHaveCount(0);
    expect(fs.existsSync(path.join(host.dataDir, 'recordings', discardedId))).toBe(false);
    expect((await invoke<RecordingTake[]>(page, 'recordings.list', { lectureId })).map((t) => t.id)).toEqual([recovered.id]);
  } finally {
    await next.stop();
  }
});

test('trim: in at 2 s and out at 8 s of a 10 s take → a 6 s lecture video', async ({ page, host }) => {
  const row = await courseWithLecture(page, host.url, 'Trimmed');
  const panel = await openStudio(page, row, false);
  await startRecording(panel);
  await recordUntil(panel, 10_000);
  await panel.getByTestId('rec-stop').click();
  const take = row.getByTestId('take').first();
  await expect(take).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });

  await take.getByTestId('take-trim').click();
  const editor = page.getByTestId('trim-editor');
  await expect(editor).toBeVisible();
  await editor.getByTestId('trim-in').fill('2');
  await editor.getByTestId('trim-out').fill('8');
  await expect(editor.getByTestId('trim-length')).toHaveText('The lecture will be 6.0 s long.');
  await editor.getByTestId('trim-save').click();
  await expect(editor).toHaveCount(0);
  await expect(take.getByTestId('take-status')).toHaveText(/Trimmed 2\.0 s–8\.0 s/, { timeout: 60_000 });

  // The take was the lecture's video, so its trimmed cut replaces the whole 10 s source.
  await expect
    .poll(async () => (await lectureMedia(page, row)).source?.probe.durationSec ?? 0, { timeout: 60_000 })
    .toBeLessThan(9);
  const duration = (await lectureMedia(page, row)).source!.probe.durationSec!;
  expect(Math.abs(duration - 6), `trimmed source duration ${duration} s`).toBeLessThanOrEqual(0.2);
  expect((await takes(page, row))[0]!.trim).toMatchObject({ startSec: 2, endSec: 8, state: 'ready' });
});
