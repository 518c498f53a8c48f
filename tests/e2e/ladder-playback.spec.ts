import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { finishLadder } from '../../main/services/media/finish-ladder';
import { ladderCommand, nameLadderFolders } from '../../main/services/media/ladder-command';
import { planLadder, type LadderPlan } from '../../main/services/media/ladder-plan';
import { parseProbe } from '../../main/services/media/probe';
import { runFfmpeg } from '../../main/services/media/run-ffmpeg';
import { makeSource, type SourceKind } from '../../scripts/bench/lavfi-sources';
import { serveHub, type Hub } from '../helpers/hls-fixture';
import { FFMPEG, FFPROBE } from '../helpers/media';
import { tempDir } from '../helpers/tmp';

/**
 * The content-aware ladder as a student's player sees it: a lecture-like and a full-motion 720p clip are
 * built with the app's ladder code, served over HTTP and played by hls.js in Chromium. hls.js starts on
 * the rung its bandwidth estimate affords (the lowest, from a starved estimate; the top, from a generous
 * one), reads the master playlist's measured BANDWIDTH, and switches rungs on request while playing.
 */

const SECONDS = 8;
const tmp = tempDir('lectern-e2e-ladder-');
const root = path.join(tmp.dir, 'hub');
const plans = new Map<SourceKind, LadderPlan>();
let hub: Hub | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fs.mkdirSync(root, { recursive: true });
  fs.copyFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'), path.join(root, 'hls.min.js'));
  fs.writeFileSync(path.join(root, 'play.html'), '<!doctype html><meta charset="utf-8"><script src="hls.min.js"></script><video muted playsinline width="640" height="360"></video>');
  for (const kind of ['lecture', 'motion'] as const) {
    const source = makeSource(FFMPEG, kind, path.join(tmp.dir, `${kind}.mp4`), { width: 1280, height: 720, seconds: SECONDS, mono: kind === 'lecture' });
    const probe = parseProbe(JSON.parse(execFileSync(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', source], { encoding: 'utf8' })) as unknown);
    const plan = planLadder(probe.video!.width, probe.video!.height, probe.video!.frameRate, true, { audioChannels: probe.audio?.channels });
    const out = path.join(root, kind);
    fs.mkdirSync(out, { recursive: true });
    await runFfmpeg({ ffmpegPath: FFMPEG, build: ladderCommand(source, out, plan), outputSec: SECONDS });
    await nameLadderFolders(out, plan);
    plans.set(kind, (await finishLadder(out, plan)).plan);
  }
  hub = await serveHub(root);
});

test.afterAll(async () => {
  await hub?.close().catch(() => {});
  tmp.cleanup();
});

interface Level {
  height: number;
  bitrate: number;
}

/** Loads a master playlist in hls.js with a fixed starting bandwidth estimate; resolves once it plays. */
async function play(page: Page, master: string, estimateBps: number): Promise<Level[]> {
  await page.goto(`${hub!.url}play.html`);
  return page.evaluate(
    ({ master, estimateBps }) =>
      new Promise<Level[]>((resolve, reject) => {
        const w = window as unknown as { Hls: typeof import('hls.js').default; hls: import('hls.js').default; switched: number[] };
        const video = document.querySelector('video')!;
        const hls = new w.Hls({ abrEwmaDefaultEstimate: estimateBps, capLevelToPlayerSize: false, testBandwidth: false });
        w.hls = hls;
        w.switched = [];
        hls.on(w.Hls.Events.LEVEL_SWITCHED, (_e, d) => w.switched.push(d.level));
        hls.on(w.Hls.Events.ERROR, (_e, d) => d.fatal && reject(new Error(`hls.js: ${d.details}`)));
        hls.on(w.Hls.Events.MANIFEST_PARSED, () => {
          void video.play().catch(reject);
          resolve(hls.levels.map((l) => ({ height: l.height, bitrate: l.bitrate })));
        });
        hls.loadSource(master);
        hls.attachMedia(video);
      }),
    { master, estimateBps },
  );
}

const playing = (page: Page) => page.evaluate(() => ({ height: document.querySelector('video')!.videoHeight, time: document.querySelector('video')!.currentTime }));
const switched = (page: Page) => page.evaluate(() => (window as unknown as { switched: number[] }).switched);

for (const kind of ['lecture', 'motion'] as const) {
  test(`the ${kind} ladder plays in hls.js, which starts on the rung its bandwidth affords and switches rungs`, async ({ page }) => {
    test.setTimeout(90_000);
    const plan = plans.get(kind)!;
    expect(plan.rungs.length, 'a 720p source keeps at least two rungs').toBeGreaterThanOrEqual(2);
    const master = fs.readFileSync(path.join(root, kind, 'master.m3u8'), 'utf8');
    const bandwidths = [...master.matchAll(/[:,]BANDWIDTH=(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);

    // A starved estimate: hls.js must start on the lowest rung, the one whose BANDWIDTH is smallest.
    const levels = await play(page, `${kind}/master.m3u8`, 1_000);
    expect(levels.map((l) => l.bitrate).sort((a, b) => a - b)).toEqual(bandwidths);
    const lowest = levels.reduce((a, b) => (b.bitrate < a.bitrate ? b : a));
    const top = levels.reduce((a, b) => (b.bitrate > a.bitrate ? b : a));
    await expect.poll(() => playing(page), { timeout: 20_000 }).toMatchObject({ height: lowest.height });
    await expect.poll(async () => (await switched(page))[0], { timeout: 10_000 }).toBe(levels.indexOf(lowest));

    // Switching up while playing: the picture becomes the top rung and playback keeps going.
    const before = (await playing(page)).time;
    await page.evaluate((i) => ((window as unknown as { hls: import('hls.js').default }).hls.nextLevel = i), levels.indexOf(top));
    await expect.poll(() => playing(page), { timeout: 20_000 }).toMatchObject({ height: top.height });
    // hls.js reports LEVEL_SWITCHED when the playhead enters the new rung's fragment, which can trail the
    // decoder's new picture size by a tick: wait for it rather than reading it once.
    await expect.poll(() => switched(page), { timeout: 10_000 }).toContain(levels.indexOf(top));
    await expect.poll(async () => (await playing(page)).time, { timeout: 10_000 }).toBeGreaterThan(before);

    // A generous estimate starts on the top rung straight away.
    await play(page, `${kind}/master.m3u8`, 1e9);
    await expect.poll(() => playing(page), { timeout: 20_000 }).toMatchObject({ height: top.height });
  });
}
