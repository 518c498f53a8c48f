import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeVideo } from '../helpers/media';
import { tempDir } from '../helpers/tmp';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { test, expect } from './support/fixtures';
import { queueDialogAnswer, type HostProcess } from './support/host-process';
import { guardPage } from './support/page-guard';

let guard: ReturnType<typeof guardPage>;
const files = tempDir('lectern-e2e-media-');
// Where an instructor's recordings really live: spaces and non-ASCII in every part of the path.
const folder = path.join(files.dir, 'Vorlesungen – Grüße 講義');

test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeAll(() => fs.mkdirSync(folder));
test.afterAll(() => files.cleanup());
test.beforeEach(({ page }) => {
  guard = guardPage(page);
});
test.afterEach(() => {
  expect(guard.problems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
});

/** A course with one section and the given lectures, opened in the editor. */
async function courseWithLectures(page: Page, host: HostProcess, titles: string[]): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Create your first course' }).click();
  await addSection(page, 'Week 1');
  for (const title of titles) await addLecture(page, 0, title);
}

const lecture = (page: Page, index: number): Locator => lectures(page).nth(index);
const job = (row: Locator, kind: string): Locator => row.locator(`[data-testid="media-job"][data-kind="${kind}"]`);

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

test('a lecture video is imported from the dialog, previewed, built into a ladder and played', async ({ page, host }) => {
  const video = makeVideo(path.join(folder, 'Einführung – Teil 1 ü.mp4'), { width: 640, height: 360, durationSec: 7 });
  await courseWithLectures(page, host, ['Welcome']);
  const row = lecture(page, 0);
  // The row stays one line high with its video's state; the panel opens from it, by keyboard too.
  const summary = row.getByTestId('media-summary');
  await expect(summary).toHaveText(/No video$/);
  await expect(row.getByTestId('lecture-media')).toHaveCount(0);
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(summary).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByTestId('media-empty')).toHaveText('No video yet — add one or drop a file here.');
  await expect(row.getByTestId('lecture-duration')).toHaveText(/—/);

  await queueDialogAnswer(host, video);
  await row.getByTestId('media-add').click();

  // Probed facts, and the duration flows into the outline.
  await expect(row.getByTestId('media-facts')).toContainText('Einführung – Teil 1 ü.mp4');
  await expect(row.getByTestId('media-facts')).toContainText('640×360 · H.264');
  await expect(row.getByTestId('lecture-duration')).toHaveText(/\b0:07$/);

  // Each output appears as a job that ends done; the poster is shown as soon as it exists.
  await expect(row.getByTestId('media-job')).toHaveCount(4);
  for (const kind of ['poster', 'storyboard', 'ladder', 'preview']) {
    await expect(job(row, kind)).toHaveAttribute('data-status', 'done', { timeout: 40_000 });
    await expect(job(row, kind).getByTestId('media-job-state')).toHaveText('Done');
  }
  const poster = row.getByTestId('media-poster');
  await expect(poster).toBeVisible();
  await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(row.getByTestId('media-build')).toHaveText('Rebuild');
  await expect(summary).toHaveText(/Video ready$/);

  // The instructor checks the ladder in the local hls.js player.
  await row.getByTestId('media-preview-toggle').click();
  await expect(row.getByTestId('media-renditions')).toHaveText('Ladder: 360p');
  await row.getByTestId('player-play').click();
  const playing = row.getByTestId('player-video');
  await expect.poll(() => playing.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
});

test('bad files are refused next to the lecture with nothing attached, and a running ladder can be cancelled', async ({ page, host }) => {
  const empty = path.join(folder, 'leer – 空.mp4');
  fs.writeFileSync(empty, '');
  const notes = path.join(folder, 'Notizen zur Vorlesung.txt');
  fs.writeFileSync(notes, 'These are my lecture notes, not a video.\n'.repeat(50));
  // Long and large enough that its three-rung ladder is still encoding when Cancel is pressed.
  const long = makeVideo(path.join(folder, 'Lange Aufnahme 長い.mp4'), { width: 1280, height: 720, durationSec: 20 });
  await courseWithLectures(page, host, ['Empty file', 'Dropped notes', 'Long talk']);
  const mediaDir = async (row: Locator) => path.join(host.dataDir, 'media', (await row.getAttribute('data-lecture-id'))!);

  // A zero-byte file from the dialog.
  const first = lecture(page, 0);
  await queueDialogAnswer(host, empty);
  await first.getByTestId('media-summary').click();
  await first.getByTestId('media-add').click();
  await expect(first.getByTestId('media-error')).toContainText('"leer – 空.mp4" is empty (0 bytes)');
  await expect(first.getByTestId('media-empty')).toBeVisible();
  await expect(first.getByTestId('media-jobs')).toHaveCount(0);
  expect(fs.existsSync(await mediaDir(first))).toBe(false);
  // "Try again" repeats the import of the same file, which is still empty.
  await first.getByTestId('media-retry').click();
  await expect(first.getByTestId('media-error')).toContainText('is empty (0 bytes)');

  // A text file dropped from the file manager onto a row whose panel is closed: it opens with the error.
  const second = lecture(page, 1);
  await expect(second.getByTestId('lecture-media')).toHaveCount(0);
  await dropFile(page, host, second, notes);
  await expect(second.getByTestId('media-summary')).toHaveText(/Problem$/);
  await expect(second.getByTestId('media-error')).toContainText('"Notizen zur Vorlesung.txt" is a text file, not a video.');
  await expect(second.getByTestId('media-empty')).toBeVisible();
  await expect(second.getByTestId('lecture-duration')).toHaveText(/—/);
  expect(fs.existsSync(await mediaDir(second))).toBe(false);
  // The other lecture's error stays with its own lecture.
  await expect(first.getByTestId('media-error')).toContainText('leer – 空.mp4');

  // Cancel the ladder while ffmpeg is encoding it.
  const third = lecture(page, 2);
  await queueDialogAnswer(host, long);
  await third.getByTestId('media-summary').click();
  await third.getByTestId('media-add').click();
  const ladder = job(third, 'ladder');
  await expect(ladder).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await expect(ladder.getByTestId('media-job-state')).toHaveText(/^\d+%/);
  await expect(third.getByTestId('media-summary')).toHaveText(/Building \d+%$/);
  await ladder.getByTestId('media-job-cancel').click();
  await expect(ladder).toHaveAttribute('data-status', 'cancelled');
  await expect(ladder.getByTestId('media-job-state')).toHaveText('Cancelled');
  await expect(ladder.getByTestId('media-job-retry')).toHaveText(/Run again/);
  // No half-built ladder: neither the finished folder nor the job's temp folder, and no preview player for one.
  const dir = await mediaDir(third);
  expect(fs.existsSync(path.join(dir, 'hls'))).toBe(false);
  expect(fs.existsSync(path.join(dir, `.tmp-${await ladder.getAttribute('data-job-id')}`))).toBe(false);
  await expect(third.getByTestId('media-preview-toggle')).toHaveCount(0);
});

test('captions are added from the dialog (an .srt is refused), given a language and label, and shown by the preview player', async ({ page, host }) => {
  const video = makeVideo(path.join(folder, 'Mit Untertiteln.mp4'), { durationSec: 4 });
  const srt = path.join(folder, 'Untertitel – 字幕.srt');
  fs.writeFileSync(srt, '1\n00:00:00,000 --> 00:00:02,000\nHallo\n');
  const vtt = path.join(folder, 'Untertitel – 字幕.vtt');
  fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nOlá, turma.\n\n00:00:02.000 --> 00:00:04.000\nVamos começar – 始めましょう.\n');
  await courseWithLectures(page, host, ['Captioned']);
  const row = lecture(page, 0);
  await row.getByTestId('media-summary').click();
  await queueDialogAnswer(host, video);
  await row.getByTestId('media-add').click();
  await expect(job(row, 'ladder')).toHaveAttribute('data-status', 'done', { timeout: 40_000 });
  await expect(row.getByTestId('media-captions-add')).toBeEnabled({ timeout: 40_000 });

  // A SubRip file picked by mistake: refused with a message naming it and saying what to do.
  await queueDialogAnswer(host, srt);
  await row.getByTestId('media-captions-add').click();
  await expect(row.getByTestId('media-error')).toContainText('"Untertitel – 字幕.srt" does not start with "WEBVTT"');
  await expect(row.getByTestId('media-error')).toContainText('SubRip .srt files must be converted first');
  await expect(row.getByTestId('media-captions')).toHaveCount(0);

  // "Choose another file…" asks for captions again, and the .vtt is attached.
  await queueDialogAnswer(host, vtt);
  await row.getByTestId('media-choose').click();
  await expect(row.getByTestId('media-error')).toHaveCount(0);
  await expect(row.getByTestId('media-captions')).toContainText('Untertitel – 字幕.vtt · 2 cues');
  await expect(row.getByTestId('media-captions-add')).toHaveText('Replace captions…');

  // The language comes from a list of named tags, Korean and English first; the label is typed.
  const language = row.getByRole('combobox', { name: 'Captions language' });
  const label = row.getByRole('textbox', { name: 'Captions label' });
  await expect(language.locator('optgroup[label="Common"] option').nth(0)).toHaveText('Korean (한국어) — ko');
  await expect(language.locator('optgroup[label="Common"] option').nth(1)).toHaveText('English — en');
  await language.selectOption('pt-BR');
  await expect(language).toHaveValue('pt-BR');
  await label.focus();
  await page.keyboard.type('Português');
  await page.keyboard.press('Tab');
  await expect(row.getByTestId('media-captions-fields').getByTestId('field-error')).toHaveCount(0);
  await expect(row.getByTestId('media-captions')).toContainText('· pt-BR');
  const lectureId = (await row.getAttribute('data-lecture-id'))!;
  const stored = () =>
    page.evaluate(async (id) => {
      const r = await window.lectern.invoke('media.get', { lectureId: id });
      return r.ok ? { language: r.value.captions?.language, label: r.value.captions?.label } : null;
    }, lectureId);
  await expect.poll(stored).toEqual({ language: 'pt-BR', label: 'Português' });

  // The preview player loads them from the studio's own origin as a showing text track with the cues.
  await row.getByTestId('media-preview-toggle').click();
  await expect(row.getByTestId('player-captions')).toHaveAttribute('aria-pressed', 'true');
  const track = () =>
    row.getByTestId('player-video').evaluate((v: HTMLVideoElement) => {
      const t = v.textTracks[0];
      return t ? { kind: t.kind, language: t.language, label: t.label, mode: t.mode, cues: t.cues ? [...t.cues].map((c) => (c as VTTCue).text) : [] } : null;
    });
  await expect.poll(track, { timeout: 10_000 }).toEqual({
    kind: 'captions',
    language: 'pt-BR',
    label: 'Português',
    mode: 'showing',
    cues: ['Olá, turma.', 'Vamos começar – 始めましょう.'],
  });
  // Other origins are not handed the file (same policy as the rest of the studio media).
  const res = await fetch(new URL(`/studio-media/${lectureId}/captions.vtt`, host.url));
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(res.headers.get('content-type')).toBe('text/vtt; charset=utf-8');

  // A corrected file replaces it and keeps the language and label the instructor set.
  fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nOlá, turma!\n');
  await queueDialogAnswer(host, vtt);
  await row.getByTestId('media-captions-add').click();
  await expect(row.getByTestId('media-captions')).toContainText('Untertitel – 字幕.vtt · 1 cue · pt-BR');
  await expect(label).toHaveValue('Português');
  await expect.poll(stored).toEqual({ language: 'pt-BR', label: 'Português' });
  await expect.poll(async () => (await track())?.cues, { timeout: 10_000 }).toEqual(['Olá, turma!']);

  // Removed: the line, the fields and the player's track go.
  await row.getByTestId('media-captions-remove').click();
  await expect(row.getByTestId('media-captions')).toHaveCount(0);
  await expect(row.getByTestId('media-captions-fields')).toHaveCount(0);
  await expect(row.getByTestId('player-captions')).toHaveCount(0);
});
