/// <reference lib="dom" />
/**
 * The player page for bench:ui: a hub of published courses of each size (documents, plus one real 4 s
 * HLS package from ffmpeg that two lectures in the middle of each course share), those two lectures
 * downloaded through the contract, then for each course
 * `player_open_ms_<n>` (Play on the downloads page → the video element and the curriculum's current
 * lecture shown in the curriculum's view, a frame painted; `player_first_open_ms_<n>` is the first of the
 * runs, which reads the course's outline from main),
 * `player_progress_frame_p90_ms_<n>` (the longest frame between a saved playback position and the current
 * lecture's tick showing it: what the curriculum pays per progress update; `player_progress_shown_ms_<n>`
 * is the whole time, IPC included) and
 * `player_next_ms_<n>` (Next → the next lecture playing and current in the curriculum, a frame painted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { LecternApi } from '../../main/contract/bridge';
import { serveHub } from '../../tests/helpers/hls-fixture';
import { addHub, addPlayableLectures, playedLectures, writeLongHub } from '../../tests/e2e/support/long-hub';

export interface PlayerFigures {
  open: number;
  /** The first open of the course in the session, which reads its outline from main. */
  firstOpen: number;
  /** Longest frame per progress update. */
  progress: number[];
  /** Save → tick shown, per progress update. */
  progressShown: number[];
  next: number;
}

async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ channel: c, input: i }) => {
      const { lectern } = window as unknown as { lectern: LecternApi };
      const envelope = (await lectern.invoke(c as never, i as never)) as { ok: boolean; value?: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(`${c} failed: ${JSON.stringify(envelope.error)}`);
      return envelope.value as T;
    },
    { channel, input },
  );
}

/** Runs `act` in the page, then waits for the player to show `title` with its curriculum entry in view and the video element. */
async function whenPlaying(page: Page, act: 'open' | 'next', title: string, lectureId: string): Promise<number> {
  return page.evaluate(
    ({ act, title, lectureId }) =>
      new Promise<number>((resolve, reject) => {
        const button =
          act === 'open'
            ? document.querySelector<HTMLElement>(`button[aria-label="Play ${title}"]`)
            : document.querySelector<HTMLElement>('[data-testid="player-next-lecture"]');
        if (!button) return reject(new Error(act === 'open' ? `"${title}" has no Play button on the downloads page` : 'the player has no Next button'));
        const start = performance.now();
        button.click();
        const check = () => {
          const playing = document.querySelector('[data-testid="player-title"]')?.textContent === title && document.querySelector('[data-testid="player-video"]');
          const nav = document.querySelector<HTMLElement>('[data-testid="curriculum"]');
          const entry = nav?.querySelector<HTMLElement>(`[data-testid="curriculum-lecture"][data-lecture-id="${lectureId}"][aria-current="true"]`);
          let inView = false;
          if (nav && entry) {
            const a = nav.getBoundingClientRect();
            const b = entry.getBoundingClientRect();
            inView = b.height > 0 && b.top >= a.top - 1 && b.bottom <= a.bottom + 1;
          }
          if (playing && inView) requestAnimationFrame(() => resolve(performance.now() - start));
          else if (performance.now() - start > 60_000) reject(new Error(`"${title}" was not shown playing within 60 s`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { act, title, lectureId },
  );
}

/**
 * Saves positions for the playing lecture as the player does while it plays. Per update: the longest
 * frame from the save until its tick shows the new share (the frame cost), and that whole time (which
 * includes the save's and the reload's IPC, the same at every size).
 */
async function progressFrames(
  page: Page,
  hubBase: string,
  courseId: string,
  lectureId: string,
  title: string,
  updates: number,
): Promise<{ frames: number[]; shown: number[] }> {
  await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => {
    v.pause();
    v.muted = true;
  });
  // Let the player's own save on pause land first, so only the bench's positions move the tick.
  await page.waitForTimeout(300);
  const frames: number[] = [];
  const shown: number[] = [];
  for (let i = 0; i < updates; i++) {
    const percent = 10 + ((i * 7) % 80);
    const ms = await page.evaluate(
      async ({ hubBase, courseId, lectureId, title, percent }) => {
        const { lectern } = window as unknown as { lectern: LecternApi };
        const start = performance.now();
        // The longest frame while the update travels and renders: what the student would see stutter.
        let last = start;
        let longest = 0;
        let done = false;
        const watch = (t: number) => {
          longest = Math.max(longest, t - last);
          last = t;
          if (!done) requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
        const envelope = (await lectern.invoke('progress.save' as never, { hubBase, courseId, lectureId, title, positionSec: percent, durationSec: 100 } as never)) as { ok: boolean; error?: unknown };
        if (!envelope.ok) throw new Error(`progress.save failed: ${JSON.stringify(envelope.error)}`);
        return new Promise<{ shown: number; frame: number }>((resolve, reject) => {
          const check = () => {
            const tick = document.querySelector(`[data-testid="curriculum-lecture"][data-lecture-id="${lectureId}"] [data-testid="curriculum-tick"]`);
            if (tick?.getAttribute('title') === `${percent}% watched`)
              requestAnimationFrame((t) => {
                longest = Math.max(longest, t - last);
                done = true;
                resolve({ shown: performance.now() - start, frame: longest });
              });
            else if (performance.now() - start > 10_000) reject(new Error(`the tick did not show ${percent}% within 10 s`));
            else requestAnimationFrame(check);
          };
          check();
        });
      },
      { hubBase, courseId, lectureId, title, percent },
    );
    shown.push(ms.shown);
    frames.push(ms.frame);
    await page.waitForTimeout(50);
  }
  return { frames, shown };
}

export async function benchPlayer(page: Page, sizes: readonly number[], runs: number, updates: number): Promise<Map<number, PlayerFigures>> {
  const hubRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-player-hub-'));
  writeLongHub(hubRoot, sizes);
  addPlayableLectures(hubRoot, sizes);
  const hub = await serveHub(hubRoot);
  const results = new Map<number, PlayerFigures>();
  try {
    const hubId = await addHub(page, hub.url);
    for (const n of sizes) {
      for (const lectureId of playedLectures(n).ids) {
        await invoke(page, 'downloads.start', { hubId, courseId: `long-${n}`, lectureId, height: null, wait: true });
      }
    }
    await page.reload();
    await page.getByTestId('area-library').click();
    await page.getByTestId('library-nav-downloads').click();
    for (const n of sizes) {
      const { ids, titles } = playedLectures(n);
      const opens: number[] = [];
      const nexts: number[] = [];
      let progress = { frames: [] as number[], shown: [] as number[] };
      for (let r = 0; r < runs; r++) {
        await page.getByRole('button', { name: `Play ${titles[0]}`, exact: true }).waitFor();
        opens.push(await whenPlaying(page, 'open', titles[0], ids[0]));
        if (r === 0) progress = await progressFrames(page, hub.url, `long-${n}`, ids[0], titles[0], updates);
        nexts.push(await whenPlaying(page, 'next', titles[1], ids[1]));
        await page.getByRole('button', { name: '← Back' }).click();
      }
      results.set(n, { open: median(opens), firstOpen: opens[0]!, progress: progress.frames, progressShown: progress.shown, next: median(nexts) });
    }
  } finally {
    await hub.close();
    fs.rmSync(hubRoot, { recursive: true, force: true });
  }
  return results;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
