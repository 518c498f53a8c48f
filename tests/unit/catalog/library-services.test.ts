import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../main/contract/events';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { createFileLogger } from '../../../main/services/log/logger';
import { openLibraryServices, type LibraryServices } from '../../../main/services/library/library-services';
import { publishVersion, writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, LECTURE_ID, serveHub, writeFfmpegPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-catalog-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let run = 0;
const opened: { services: LibraryServices; close(): void }[] = [];

beforeAll(async () => {
  writeFfmpegPackage(hubRoot);
  writeCatalog(hubRoot, { subtitle: 'Nyquist and friends', tags: ['dsp', 'math'] });
  hub = await serveHub(hubRoot);
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.services.close()));
  opened.forEach((o) => o.close());
  await hub.close();
  tmp.cleanup();
});

function open() {
  const dataDir = path.join(tmp.dir, `data-${++run}`);
  const db = openDatabase(dataDir, migrations);
  const log = createFileLogger(dataDir);
  const secrets = createMemorySecretStore();
  const events: { name: EventName; payload: unknown }[] = [];
  const services = openLibraryServices({ dataDir, db, secrets, log, emit: (name, payload) => events.push({ name, payload }) });
  opened.push({ services, close: () => (db.close(), log.close()) });
  /** The same data folder opened again, as the app does after a restart. */
  const reopen = () => {
    const again = openLibraryServices({ dataDir, db, secrets, log, emit: () => {} });
    opened.push({ services: again, close: () => {} });
    return again;
  };
  return { services, events, dataDir, reopen };
}

describe('catalog: hubs by base URL', () => {
  it('refuses addresses that are not plain http(s) bases, and hubs that do not serve a valid catalog', async () => {
    const { services } = open();
    for (const bad of ['file:///etc/', 'ftp://example.com/', 'http://user:pw@127.0.0.1/hub/', 'not a url']) {
      await expect(services.catalog.addHub(bad)).rejects.toMatchObject({ code: 'invalid-input' });
    }
    await expect(services.catalog.addHub(hub.url.replace('/hub/', '/nothing-here/'))).rejects.toThrow(/Could not add .*404/);
    expect(services.catalog.hubs()).toEqual([]);
  });

  it('adds a hub, lists and searches its courses, and keeps them when the hub goes offline', async () => {
    const { services } = open();
    const added = await services.catalog.addHub(hub.url);
    expect(added).toMatchObject({ baseUrl: hub.url, offline: false, courseCount: 1 });
    await expect(services.catalog.addHub(hub.url)).rejects.toMatchObject({ code: 'conflict' });

    const all = services.catalog.list();
    expect(all.courses).toEqual([expect.objectContaining({ courseId: COURSE_ID, subtitle: 'Nyquist and friends', tags: ['dsp', 'math'], lectureCount: 1, version: 1 })]);
    expect(services.catalog.list('nyquist DSP').courses).toHaveLength(1);
    expect(services.catalog.list('signals math').courses).toHaveLength(1);
    expect(services.catalog.list('biology').courses).toHaveLength(0);

    hub.intercept = (_req, res) => (res.socket?.destroy(), true);
    try {
      const view = await services.catalog.refresh();
      expect(view.hubs[0]).toMatchObject({ offline: true, fetchedAt: added.fetchedAt });
      expect(view.hubs[0]?.error).toMatch(/Could not reach the hub/);
      expect(view.courses).toHaveLength(1);
      const page = await services.library.coursePage(added.id, COURSE_ID);
      // Author text is kept verbatim as data; the UI renders it as text, never as HTML.
      expect(page.title).toBe('Signals <script>alert(1)</script>');
      expect(page.description).toBe('<img src=x onerror=alert(1)>');
      expect(page.sections).toEqual([expect.objectContaining({ id: null, lectures: [expect.objectContaining({ id: LECTURE_ID, durationSec: 4, hasMedia: true, download: null })] })]);
    } finally {
      hub.intercept = null;
    }
  });

  it('records a hostile course (pointer outside the hub, wrong course id) as an error and keeps the rest of the catalog', async () => {
    const { services } = open();
    const h = await services.catalog.addHub(hub.url);
    const latest = path.join(hubRoot, `courses/${COURSE_ID}/latest.json`);
    const good = fs.readFileSync(latest, 'utf8');
    try {
      publishVersion(hubRoot, 7);
      fs.writeFileSync(latest, JSON.stringify({ courseId: COURSE_ID, version: 7, manifest: '../../etc/passwd' }));
      let view = await services.catalog.refresh(h.id);
      expect(view.hubs[0]?.error).toMatch(/1 course\(s\) could not be read: .*leaves the hub folder/);
      fs.writeFileSync(latest, JSON.stringify({ courseId: 'other', version: 7, manifest: `courses/${COURSE_ID}/versions/7/course.json` }));
      view = await services.catalog.refresh(h.id);
      expect(view.hubs[0]?.error).toMatch(/is about course other, not course1/);
    } finally {
      fs.writeFileSync(latest, good);
      publishVersion(hubRoot, 1, { subtitle: 'Nyquist and friends', tags: ['dsp', 'math'] });
    }
  });
});

describe('library: plan, download and update a course', () => {
  it('plans with sizes and free space, downloads, then updates to a new version and drops the old copy only when the new one completes', async () => {
    const { services, events } = open();
    const h = await services.catalog.addHub(hub.url);
    const plan = await services.library.plan({ hubId: h.id, courseId: COURSE_ID }, 'fits');
    expect(plan.items).toEqual([expect.objectContaining({ lectureId: LECTURE_ID, quality: '360p' })]);
    expect(plan).toMatchObject({ fits: true, height: 360, skipped: [] });
    expect(plan.totalBytes).toBeGreaterThan(10_000);
    const small = await services.library.plan({ hubId: h.id, courseId: COURSE_ID, lectureId: LECTURE_ID }, 180);
    expect(small.items[0]).toMatchObject({ quality: '180p' });
    expect(small.totalBytes).toBeLessThan(plan.totalBytes);

    const [first] = await services.library.start({ hubId: h.id, courseId: COURSE_ID }, 180, true);
    expect(services.downloads.get(first!.id)).toMatchObject({ state: 'completed', quality: '180p', courseVersion: 1 });
    expect(events.some((e) => e.name === 'downloads.state' && (e.payload as { state: string }).state === 'completed')).toBe(true);
    await expect(services.library.start({ hubId: h.id, courseId: COURSE_ID }, null)).rejects.toMatchObject({ code: 'conflict' });
    const storage = await services.library.storage(services.libraryDir);
    expect(storage.usedBytes).toBeGreaterThanOrEqual(first!.totalBytes);

    try {
      publishVersion(hubRoot, 2);
      const view = await services.catalog.refresh(h.id);
      expect(view.courses[0]).toMatchObject({ version: 2, updateAvailable: true, downloadedLectures: 1 });
      expect((await services.library.coursePage(h.id, COURSE_ID)).update).toEqual({ from: 1, to: 2 });

      const [updated] = await services.library.update(h.id, COURSE_ID, true);
      expect(services.downloads.get(updated!.id)).toMatchObject({ state: 'completed', quality: '180p', courseVersion: 2 });
      await expect.poll(() => services.downloads.list().map((d) => d.id)).toEqual([updated!.id]);
      expect(events).toContainEqual({ name: 'downloads.removed', payload: { id: first!.id } });
      expect(services.catalog.list().courses[0]).toMatchObject({ updateAvailable: false });
    } finally {
      publishVersion(hubRoot, 1, { subtitle: 'Nyquist and friends', tags: ['dsp', 'math'] });
    }
  });

  it('plans and downloads several qualities, counting their shared audio once, and an update keeps them all', async () => {
    const { services } = open();
    const h = await services.catalog.addHub(hub.url);
    const ref = { hubId: h.id, courseId: COURSE_ID };
    const plan = await services.library.plan(ref, [360, 180]);
    expect(plan).toMatchObject({ height: null, heights: [360, 180], fits: true, items: [{ lectureId: LECTURE_ID, quality: '360p, 180p' }] });
    expect(plan.options.map((o) => [o.height, o.label])).toEqual([
      [360, '360p'],
      [180, '180p'],
    ]);
    const [high, low] = plan.options;
    expect(plan.totalBytes).toBeGreaterThan(Math.max(high!.bytes, low!.bytes));
    expect(plan.totalBytes).toBeLessThan(high!.bytes + low!.bytes);
    expect((await services.library.plan(ref, 'all')).totalBytes).toBe(plan.totalBytes);

    const [item] = await services.library.start(ref, plan.heights, true);
    expect(services.downloads.get(item!.id)).toMatchObject({ state: 'completed', quality: '360p, 180p', totalBytes: plan.totalBytes });
    try {
      publishVersion(hubRoot, 2);
      const [updated] = await services.library.update(h.id, COURSE_ID, true);
      expect(services.downloads.get(updated!.id)).toMatchObject({ state: 'completed', quality: '360p, 180p', courseVersion: 2 });
    } finally {
      publishVersion(hubRoot, 1, { subtitle: 'Nyquist and friends', tags: ['dsp', 'math'] });
    }
  });

  it('continues on open a download the app left running, and resumes an interrupted one when it is started again', async () => {
    const { services, reopen } = open();
    const h = await services.catalog.addHub(hub.url);
    // Segments never answer, so the download is mid-way when the app closes.
    hub.intercept = (req) => Boolean(req.url?.endsWith('.ts'));
    try {
      const [d] = await services.library.start({ hubId: h.id, courseId: COURSE_ID }, 180);
      await expect.poll(() => services.downloads.get(d!.id).state).toBe('downloading');
      await services.close();
      hub.intercept = null;
      const again = reopen();
      await expect.poll(() => again.downloads.get(d!.id).state, { timeout: 10_000 }).toBe('completed');

      // Paused downloads are not resumed on open, but starting the course again resumes rather than refuses.
      await again.downloads.remove(d!.id);
      hub.intercept = (req) => Boolean(req.url?.endsWith('.ts'));
      const [e] = await again.library.start({ hubId: h.id, courseId: COURSE_ID }, 180);
      await expect.poll(() => again.downloads.get(e!.id).state).toBe('downloading');
      await again.downloads.pause(e!.id);
      hub.intercept = null;
      const plan = await again.library.plan({ hubId: h.id, courseId: COURSE_ID }, 'best');
      expect(plan.skipped).toEqual([expect.objectContaining({ lectureId: LECTURE_ID, reason: 'already started; it resumes where it stopped' })]);
      const [resumed] = await again.library.start({ hubId: h.id, courseId: COURSE_ID }, null, true);
      expect(resumed).toMatchObject({ id: e!.id, state: 'completed', quality: '180p' });
    } finally {
      hub.intercept = null;
    }
  });
});
