import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { LecternError } from '../../../main/contract/errors';
import { tempDir } from '../../helpers/tmp';

describe('DraftsService', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let drafts: DraftsService;
  let events: string[];

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    events = [];
    drafts = new DraftsService(db, (_name, p) => events.push((p as { courseId: string }).courseId));
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const titles = (xs: { title: string }[]) => xs.map((x) => x.title);

  it('creates a course with sections and lectures in order', () => {
    const c = drafts.createCourse('Algorithms');
    const s1 = drafts.createSection(c.id, 'Basics');
    const s2 = drafts.createSection(c.id, 'Graphs');
    drafts.createLecture(s1.id, 'Big O');
    drafts.createLecture(s1.id, 'Sorting');
    drafts.createLecture(s2.id, 'BFS');
    const got = drafts.getCourse(c.id);
    expect(titles(got.sections)).toEqual(['Basics', 'Graphs']);
    expect(titles(got.sections[0]!.lectures)).toEqual(['Big O', 'Sorting']);
    expect(drafts.listCourses()[0]).toMatchObject({ title: 'Algorithms', sectionCount: 2, lectureCount: 3 });
    expect(events.every((e) => e === c.id)).toBe(true);
  });

  it('stores long and non-Latin titles intact', () => {
    const long = '가'.repeat(10_000);
    const mixed = 'مرحبا 👩‍🏫 강의 — émoji ✨';
    const c = drafts.createCourse(long);
    drafts.updateCourse(c.id, { subtitle: mixed, tags: ['한국어', '🎓'] });
    const got = drafts.getCourse(c.id);
    expect(got.title).toBe(long);
    expect(got.subtitle).toBe(mixed);
    expect(got.tags).toEqual(['한국어', '🎓']);
  });

  it('moves sections and lectures, keeping positions dense', () => {
    const c = drafts.createCourse('C');
    const [a, b, d] = ['A', 'B', 'D'].map((t) => drafts.createSection(c.id, t));
    drafts.moveSection(d!.id, 0);
    expect(titles(drafts.getCourse(c.id).sections)).toEqual(['D', 'A', 'B']);
    drafts.moveSection(d!.id, 99);
    const after = drafts.getCourse(c.id).sections;
    expect(titles(after)).toEqual(['A', 'B', 'D']);
    expect(after.map((s) => s.position)).toEqual([0, 1, 2]);

    const l1 = drafts.createLecture(a!.id, 'one');
    const l2 = drafts.createLecture(a!.id, 'two');
    drafts.createLecture(b!.id, 'three');
    drafts.moveLecture(l2.id, a!.id, 0);
    expect(titles(drafts.getCourse(c.id).sections[0]!.lectures)).toEqual(['two', 'one']);
    const moved = drafts.moveLecture(l1.id, b!.id, 0);
    expect(titles(moved.sections[0]!.lectures)).toEqual(['two']);
    expect(titles(moved.sections[1]!.lectures)).toEqual(['one', 'three']);
    expect(moved.sections[1]!.lectures.map((l) => l.position)).toEqual([0, 1]);
  });

  it('refuses to move a lecture into another course', () => {
    const c1 = drafts.createCourse('one');
    const c2 = drafts.createCourse('two');
    const s1 = drafts.createSection(c1.id, 's');
    const s2 = drafts.createSection(c2.id, 's');
    const l = drafts.createLecture(s1.id, 'l');
    expect(() => drafts.moveLecture(l.id, s2.id, 0)).toThrow(/own course/);
  });

  it('undoes a course delete with everything inside', () => {
    const c = drafts.createCourse('Doomed');
    const s = drafts.createSection(c.id, 'S');
    drafts.createLecture(s.id, 'L');
    const before = drafts.getCourse(c.id);
    const receipt = drafts.deleteCourse(c.id);
    expect(receipt).toMatchObject({ kind: 'course', title: 'Doomed' });
    expect(() => drafts.getCourse(c.id)).toThrow(LecternError);
    expect(drafts.restore(receipt.undoToken)).toEqual({ kind: 'course', courseId: c.id });
    const after = drafts.getCourse(c.id);
    expect(after.sections).toEqual(before.sections);
    expect(() => drafts.restore(receipt.undoToken)).toThrow(/Nothing to undo/);
  });

  it('undoes a section and a lecture delete at their old positions', () => {
    const c = drafts.createCourse('C');
    const [a, b, d] = ['A', 'B', 'D'].map((t) => drafts.createSection(c.id, t));
    const l = drafts.createLecture(b!.id, 'L1');
    drafts.createLecture(b!.id, 'L2');
    const r1 = drafts.deleteSection(b!.id);
    expect(titles(drafts.getCourse(c.id).sections)).toEqual(['A', 'D']);
    drafts.restore(r1.undoToken);
    const restored = drafts.getCourse(c.id).sections;
    expect(titles(restored)).toEqual(['A', 'B', 'D']);
    expect(titles(restored[1]!.lectures)).toEqual(['L1', 'L2']);
    const r2 = drafts.deleteLecture(l.id);
    expect(titles(drafts.getCourse(c.id).sections[1]!.lectures)).toEqual(['L2']);
    drafts.restore(r2.undoToken);
    expect(titles(drafts.getCourse(c.id).sections[1]!.lectures)).toEqual(['L1', 'L2']);
    expect([a, d].length).toBe(2);
  });

  it('explains why a section cannot come back when its course is gone', () => {
    const c = drafts.createCourse('C');
    const s = drafts.createSection(c.id, 'S');
    const r = drafts.deleteSection(s.id);
    drafts.deleteCourse(c.id);
    expect(() => drafts.restore(r.undoToken)).toThrow(/course was deleted too/);
  });

  it('reports missing ids as not-found', () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const f of [() => drafts.getCourse(missing), () => drafts.createSection(missing, 'x'), () => drafts.deleteLecture(missing)]) {
      try {
        f();
        expect.fail('should throw');
      } catch (e) {
        expect(e).toBeInstanceOf(LecternError);
        expect((e as LecternError).code).toBe('not-found');
      }
    }
  });
});
