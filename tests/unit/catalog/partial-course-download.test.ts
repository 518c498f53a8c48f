import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { openLibraryServices, type LibraryServices } from '../../../main/services/library/library-services';
import { downloadSummary } from '../../../main/services/library/refusals';
import { createFileLogger } from '../../../main/services/log/logger';
import { writeCatalog } from '../../helpers/catalog-hub';
import { COURSE_ID, LECTURE_ID, MANIFEST_PATH, serveHub, writeSyntheticPackage, type Hub } from '../../helpers/hls-fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * A course of three lectures where the hub serves one lecture's master playlist with the wrong checksum
 * and another has nothing the planner accepts: the good lecture still downloads, the bad ones are named
 * by title with their reasons, and nothing of theirs is left queued.
 */
const tmp = tempDir('lectern-partial-');
const hubRoot = path.join(tmp.dir, 'hub');
let hub: Hub;
let services: LibraryServices;
let closeAll: () => Promise<void>;

beforeAll(async () => {
  writeSyntheticPackage(hubRoot, { segments: 3 });
  const manifest = JSON.parse(fs.readFileSync(path.join(hubRoot, MANIFEST_PATH), 'utf8')) as { lectures: { id: string; title: string; media: { master: string; files: { path: string; size: number; sha256: string }[] } }[] };
  const good = manifest.lectures[0]!;
  const tampered = { ...good.media, files: good.media.files.map((f) => (f.path === good.media.master ? { ...f, sha256: 'f'.repeat(64) } : f)) };
  manifest.lectures.push({ ...good, id: 'lecture2', title: 'Broken «강의»', media: tampered });
  manifest.lectures.push({ ...good, id: 'lecture3', title: 'Elsewhere', media: { ...good.media, master: 'media/missing/master.m3u8', files: [{ path: 'media/missing/master.m3u8', size: 10, sha256: 'a'.repeat(64) }] } });
  fs.writeFileSync(path.join(hubRoot, MANIFEST_PATH), JSON.stringify(manifest));
  writeCatalog(hubRoot);
  hub = await serveHub(hubRoot);
  const dataDir = path.join(tmp.dir, 'data');
  const db = openDatabase(dataDir, migrations);
  const log = createFileLogger(dataDir);
  services = openLibraryServices({ dataDir, db, secrets: createMemorySecretStore(), log, emit: () => {} });
  closeAll = async () => (await services.close(), db.close(), log.close());
});
afterAll(async () => {
  await closeAll();
  await hub.close();
  tmp.cleanup();
});

describe('a whole-course download with refused lectures', () => {
  it('plans the lectures that pass, lists the refused ones by title with reasons, and downloads the rest', async () => {
    const h = await services.catalog.addHub(hub.url);
    const plan = await services.library.plan({ hubId: h.id, courseId: COURSE_ID }, 'best');
    expect(plan.items.map((i) => i.lectureId)).toEqual([LECTURE_ID]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({ lectureId: 'lecture2', title: 'Broken «강의»', reason: expect.stringMatching(/^refused: .*master\.m3u8 from the hub does not match the course manifest/) }),
      expect.objectContaining({ lectureId: 'lecture3', title: 'Elsewhere', reason: expect.stringMatching(/^refused: /) }),
    ]);

    const started = await services.library.start({ hubId: h.id, courseId: COURSE_ID }, null, true);
    expect(started.map((d) => [d.lectureId, d.state])).toEqual([[LECTURE_ID, 'completed']]);
    // Nothing of the refused lectures is left queued as a hidden "Waiting" row.
    expect(services.downloads.list().map((d) => d.lectureId)).toEqual([LECTURE_ID]);
  });

  it('names a single refused lecture by its title, not its id', async () => {
    const h = services.catalog.hubs()[0]!;
    await expect(services.library.plan({ hubId: h.id, courseId: COURSE_ID, lectureId: 'lecture2' }, 'best')).rejects.toThrow(/^Could not download «Broken «강의»»: /);
    await expect(services.library.start({ hubId: h.id, courseId: COURSE_ID, lectureId: 'lecture2' }, null)).rejects.toThrow(/«Broken «강의»»/);
    expect(services.downloads.list()).toHaveLength(1);
  });

  it('says which lectures were refused when none of a course can be downloaded', async () => {
    const h = services.catalog.hubs()[0]!;
    await services.downloads.remove(services.downloads.list()[0]!.id);
    const withoutGood = hub.intercept;
    hub.intercept = (req, res) => (req.url?.endsWith('/media/lecture1/master.m3u8') ? (res.writeHead(404).end(), true) : false);
    try {
      await expect(services.library.plan({ hubId: h.id, courseId: COURSE_ID }, 'best')).rejects.toThrow(
        /^None of the 3 lecture\(s\) of "Signals <script>alert\(1\)<\/script>" can be downloaded: «Sampling» was refused: .*; «Broken «강의»» was refused: .*; «Elsewhere» was refused: /,
      );
    } finally {
      hub.intercept = withoutGood;
    }
    expect(services.downloads.list()).toEqual([]);
  });

  it('summarises as "7 of 8 lectures downloaded; «Title» was refused: …"', () => {
    expect(downloadSummary(7, [{ title: 'Title', reason: 'its playlist does not match the course manifest' }])).toBe(
      '7 of 8 lectures downloaded; «Title» was refused: its playlist does not match the course manifest',
    );
    expect(downloadSummary(1, [])).toBe('1 of 1 lecture downloaded');
  });
});
