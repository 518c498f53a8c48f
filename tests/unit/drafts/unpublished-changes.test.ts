import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { tempDir } from '../../helpers/tmp';

/** "Unpublished changes": a course published once and edited (or given a new video) since. */
describe('DraftsService course summaries: unpublished changes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let drafts: DraftsService;
  let clock: number;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    clock = 1_000;
    drafts = new DraftsService(db, () => {}, () => clock);
    db.prepare(
      `INSERT INTO hubs (id, name, endpoint, region, bucket, path_style, access_key_id, created_at, updated_at)
       VALUES ('h1', 'Hub', 'http://127.0.0.1:1', 'us-east-1', 'b', 1, 'k', 0, 0)`,
    ).run();
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const publish = (courseId: string, at: number) =>
    db
      .prepare(
        `INSERT INTO publications (course_id, hub_id, version, manifest_key, published_at) VALUES (?, 'h1', 1, 'm', ?)
         ON CONFLICT (course_id, hub_id) DO UPDATE SET published_at = excluded.published_at`,
      )
      .run(courseId, at);
  const summary = (id: string) => drafts.listCourses().find((c) => c.id === id)!;

  it('is false for a course never published, and right after publishing', () => {
    const c = drafts.createCourse('Signals');
    expect(summary(c.id)).toMatchObject({ lastPublishedAt: null, unpublishedChanges: false });
    clock = 2_000;
    publish(c.id, 2_000);
    expect(summary(c.id)).toMatchObject({ lastPublishedAt: 2_000, unpublishedChanges: false });
  });

  it('turns true after an outline edit and false again after the next publish', () => {
    const c = drafts.createCourse('Signals');
    publish(c.id, 2_000);
    clock = 3_000;
    drafts.createSection(c.id, 'Week 1');
    expect(summary(c.id).unpublishedChanges).toBe(true);
    publish(c.id, 4_000);
    expect(summary(c.id).unpublishedChanges).toBe(false);
  });

  it('counts a video imported after the last publish as a change', () => {
    const c = drafts.createCourse('Signals');
    const s = drafts.createSection(c.id, 'Week 1');
    const l = drafts.createLecture(s.id, 'Sampling');
    publish(c.id, 2_000);
    expect(summary(c.id).unpublishedChanges).toBe(false);
    db.prepare(`INSERT INTO media_sources (lecture_id, file_name, original_name, size_bytes, probe, imported_at) VALUES (?, 'a.mp4', 'a.mp4', 1, '{}', 5000)`).run(l.id);
    expect(summary(c.id)).toMatchObject({ updatedAt: 5_000, unpublishedChanges: true });
  });
});
