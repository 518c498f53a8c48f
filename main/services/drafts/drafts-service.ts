import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { EventSink } from '../../contract/events';
import type { CoursePatch, LecturePatch, SectionPatch } from '../../contract/schemas';
import type { Course, CourseDetail, CourseSummary, DeleteReceipt, Lecture, RestoreReceipt, Section, TrashKind } from '../../contract/types';
import { toCourse, toLecture, toSection, type CourseRow, type LectureRow, type SectionRow } from './rows';
import { userError } from '../text/user-error';

type TrashPayload =
  | { kind: 'course'; course: CourseRow; sections: SectionRow[]; lectures: LectureRow[] }
  | { kind: 'section'; section: SectionRow; lectures: LectureRow[] }
  | { kind: 'lecture'; lecture: LectureRow; courseId: string };

/** Undo stays possible this long after a delete, across restarts. */
const TRASH_RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * Course drafts: courses → sections → lectures, ordered by a dense `position` (0..n-1) that every
 * mutation keeps dense inside one transaction. Validation of shapes happens at the IPC/CLI boundary;
 * this service enforces what only the database knows (existence, same-course moves).
 */
interface SummaryRow {
  id: string;
  title: string;
  subtitle: string;
  updated_at: number;
  section_count: number;
  lecture_count: number;
  media_at: number | null;
  published_at: number | null;
}

export class DraftsService {
  constructor(
    private readonly db: Database,
    private readonly emit: EventSink = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.db.prepare('DELETE FROM trash WHERE deleted_at < ?').run(this.now() - TRASH_RETENTION_MS);
  }

  listCourses(): CourseSummary[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.title, c.subtitle, c.updated_at,
                (SELECT COUNT(*) FROM sections s WHERE s.course_id = c.id) AS section_count,
                (SELECT COUNT(*) FROM lectures l JOIN sections s ON s.id = l.section_id WHERE s.course_id = c.id) AS lecture_count,
                (SELECT MAX(m.imported_at) FROM media_sources m JOIN lectures l ON l.id = m.lecture_id JOIN sections s ON s.id = l.section_id
                  WHERE s.course_id = c.id) AS media_at,
                (SELECT MAX(p.published_at) FROM publications p WHERE p.course_id = c.id) AS published_at
           FROM courses c ORDER BY c.updated_at DESC, c.rowid DESC`,
      )
      .all() as SummaryRow[];
    return rows.map((r) => {
      // A new video changes what students get but is not an edit of the course row itself.
      const updatedAt = Math.max(r.updated_at, r.media_at ?? 0);
      return {
        id: r.id,
        title: r.title,
        subtitle: r.subtitle,
        sectionCount: r.section_count,
        lectureCount: r.lecture_count,
        updatedAt,
        lastPublishedAt: r.published_at,
        unpublishedChanges: r.published_at !== null && updatedAt > r.published_at,
      };
    });
  }

  getCourse(courseId: string): CourseDetail {
    const course = toCourse(this.courseRow(courseId));
    const sections = (this.db.prepare('SELECT * FROM sections WHERE course_id = ? ORDER BY position').all(courseId) as SectionRow[]).map(toSection);
    const lectures = (
      this.db
        .prepare('SELECT l.* FROM lectures l JOIN sections s ON s.id = l.section_id WHERE s.course_id = ? ORDER BY l.position')
        .all(courseId) as LectureRow[]
    ).map(toLecture);
    return { ...course, sections: sections.map((s) => ({ ...s, lectures: lectures.filter((l) => l.sectionId === s.id) })) };
  }

  createCourse(title: string): CourseDetail {
    const id = randomUUID();
    const t = this.now();
    this.db.prepare('INSERT INTO courses (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, title, t, t);
    this.changed(id);
    return this.getCourse(id);
  }

  updateCourse(courseId: string, patch: CoursePatch): Course {
    this.courseRow(courseId);
    const columns: Record<string, string> = {};
    if (patch.title !== undefined) columns.title = patch.title;
    if (patch.subtitle !== undefined) columns.subtitle = patch.subtitle;
    if (patch.description !== undefined) columns.description = patch.description;
    if (patch.language !== undefined) columns.language = patch.language;
    if (patch.tags !== undefined) columns.tags = JSON.stringify(patch.tags);
    if (patch.encoding !== undefined) columns.encoding = patch.encoding;
    this.updateRow('courses', courseId, columns);
    this.changed(courseId);
    return toCourse(this.courseRow(courseId));
  }

  deleteCourse(courseId: string): DeleteReceipt {
    const course = this.courseRow(courseId);
    const receipt = this.db.transaction(() => {
      const sections = this.db.prepare('SELECT * FROM sections WHERE course_id = ?').all(courseId) as SectionRow[];
      const lectures = this.db
        .prepare('SELECT l.* FROM lectures l JOIN sections s ON s.id = l.section_id WHERE s.course_id = ?')
        .all(courseId) as LectureRow[];
      const token = this.trash({ kind: 'course', course, sections, lectures });
      this.db.prepare('DELETE FROM courses WHERE id = ?').run(courseId);
      return { undoToken: token, kind: 'course' as const, title: course.title };
    })();
    this.changed(courseId);
    return receipt;
  }

  createSection(courseId: string, title: string): Section {
    this.courseRow(courseId);
    const id = randomUUID();
    const t = this.now();
    this.db.transaction(() => {
      const next = this.db.prepare('SELECT COUNT(*) AS n FROM sections WHERE course_id = ?').get(courseId) as { n: number };
      this.db
        .prepare('INSERT INTO sections (id, course_id, title, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, courseId, title, next.n, t, t);
      this.touchCourse(courseId);
    })();
    this.changed(courseId);
    return toSection(this.sectionRow(id));
  }

  updateSection(sectionId: string, patch: SectionPatch): Section {
    const section = this.sectionRow(sectionId);
    this.db.transaction(() => {
      this.updateRow('sections', sectionId, patch.title !== undefined ? { title: patch.title } : {});
      this.touchCourse(section.course_id);
    })();
    this.changed(section.course_id);
    return toSection(this.sectionRow(sectionId));
  }

  deleteSection(sectionId: string): DeleteReceipt {
    const section = this.sectionRow(sectionId);
    const receipt = this.db.transaction(() => {
      const lectures = this.db.prepare('SELECT * FROM lectures WHERE section_id = ?').all(sectionId) as LectureRow[];
      const token = this.trash({ kind: 'section', section, lectures });
      this.db.prepare('DELETE FROM sections WHERE id = ?').run(sectionId);
      this.closeGap('sections', 'course_id', section.course_id, section.position);
      this.touchCourse(section.course_id);
      return { undoToken: token, kind: 'section' as const, title: section.title };
    })();
    this.changed(section.course_id);
    return receipt;
  }

  moveSection(sectionId: string, toIndex: number): CourseDetail {
    const section = this.sectionRow(sectionId);
    this.db.transaction(() => {
      const ids = (this.db.prepare('SELECT id FROM sections WHERE course_id = ? ORDER BY position').all(section.course_id) as { id: string }[]).map(
        (r) => r.id,
      );
      this.writeOrder('sections', moveWithin(ids, sectionId, toIndex));
      this.touchCourse(section.course_id);
    })();
    this.changed(section.course_id);
    return this.getCourse(section.course_id);
  }

  createLecture(sectionId: string, title: string): Lecture {
    const section = this.sectionRow(sectionId);
    const id = randomUUID();
    const t = this.now();
    this.db.transaction(() => {
      const next = this.db.prepare('SELECT COUNT(*) AS n FROM lectures WHERE section_id = ?').get(sectionId) as { n: number };
      this.db
        .prepare('INSERT INTO lectures (id, section_id, title, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, sectionId, title, next.n, t, t);
      this.touchCourse(section.course_id);
    })();
    this.changed(section.course_id);
    return toLecture(this.lectureRow(id));
  }

  updateLecture(lectureId: string, patch: LecturePatch): Lecture {
    const lecture = this.lectureRow(lectureId);
    const courseId = this.courseIdOfSection(lecture.section_id);
    const columns: Record<string, string | number | null> = {};
    if (patch.title !== undefined) columns.title = patch.title;
    if (patch.summary !== undefined) columns.summary = patch.summary;
    if (patch.freePreview !== undefined) columns.free_preview = patch.freePreview ? 1 : 0;
    if (patch.status !== undefined) columns.status = patch.status;
    if (patch.durationSec !== undefined) columns.duration_sec = patch.durationSec;
    this.db.transaction(() => {
      this.updateRow('lectures', lectureId, columns);
      this.touchCourse(courseId);
    })();
    this.changed(courseId);
    return toLecture(this.lectureRow(lectureId));
  }

  deleteLecture(lectureId: string): DeleteReceipt {
    const lecture = this.lectureRow(lectureId);
    const courseId = this.courseIdOfSection(lecture.section_id);
    const receipt = this.db.transaction(() => {
      const token = this.trash({ kind: 'lecture', lecture, courseId });
      this.db.prepare('DELETE FROM lectures WHERE id = ?').run(lectureId);
      this.closeGap('lectures', 'section_id', lecture.section_id, lecture.position);
      this.touchCourse(courseId);
      return { undoToken: token, kind: 'lecture' as const, title: lecture.title };
    })();
    this.changed(courseId);
    return receipt;
  }

  moveLecture(lectureId: string, toSectionId: string, toIndex: number): CourseDetail {
    const lecture = this.lectureRow(lectureId);
    const courseId = this.courseIdOfSection(lecture.section_id);
    if (this.courseIdOfSection(toSectionId) !== courseId) {
      throw userError('conflict', 'svc.drafts.moveOtherCourse');
    }
    this.db.transaction(() => {
      const idsIn = (sectionId: string) =>
        (this.db.prepare('SELECT id FROM lectures WHERE section_id = ? ORDER BY position').all(sectionId) as { id: string }[]).map((r) => r.id);
      if (toSectionId === lecture.section_id) {
        this.writeOrder('lectures', moveWithin(idsIn(toSectionId), lectureId, toIndex));
      } else {
        const source = idsIn(lecture.section_id).filter((id) => id !== lectureId);
        const target = idsIn(toSectionId);
        target.splice(Math.min(toIndex, target.length), 0, lectureId);
        this.db.prepare('UPDATE lectures SET section_id = ? WHERE id = ?').run(toSectionId, lectureId);
        this.writeOrder('lectures', source);
        this.writeOrder('lectures', target);
      }
      this.touchCourse(courseId);
    })();
    this.changed(courseId);
    return this.getCourse(courseId);
  }

  restore(undoToken: string): RestoreReceipt {
    const row = this.db.prepare('SELECT payload FROM trash WHERE token = ?').get(undoToken) as { payload: string } | undefined;
    if (!row) throw userError('not-found', 'svc.drafts.nothingToUndo');
    const payload = JSON.parse(row.payload) as TrashPayload;
    const courseId = this.db.transaction(() => {
      const id = this.reinsert(payload);
      this.db.prepare('DELETE FROM trash WHERE token = ?').run(undoToken);
      return id;
    })();
    this.changed(courseId);
    return { kind: payload.kind, courseId };
  }

  private reinsert(p: TrashPayload): string {
    switch (p.kind) {
      case 'course':
        this.insertRow('courses', p.course);
        p.sections.forEach((s) => this.insertRow('sections', s));
        p.lectures.forEach((l) => this.insertRow('lectures', l));
        return p.course.id;
      case 'section': {
        if (!this.exists('courses', p.section.course_id)) {
          throw userError('conflict', 'svc.drafts.sectionOrphan', { title: p.section.title });
        }
        this.insertRow('sections', { ...p.section, position: this.openGap('sections', 'course_id', p.section.course_id, p.section.position) });
        p.lectures.forEach((l) => this.insertRow('lectures', l));
        this.touchCourse(p.section.course_id);
        return p.section.course_id;
      }
      case 'lecture': {
        if (!this.exists('sections', p.lecture.section_id)) {
          throw userError('conflict', 'svc.drafts.lectureOrphan', { title: p.lecture.title });
        }
        this.insertRow('lectures', { ...p.lecture, position: this.openGap('lectures', 'section_id', p.lecture.section_id, p.lecture.position) });
        this.touchCourse(p.courseId);
        return p.courseId;
      }
    }
  }

  private trash(payload: TrashPayload): string {
    const token = randomUUID();
    this.db.prepare('INSERT INTO trash (token, kind, payload, deleted_at) VALUES (?, ?, ?, ?)').run(token, payload.kind satisfies TrashKind, JSON.stringify(payload), this.now());
    return token;
  }

  private courseRow(id: string): CourseRow {
    const row = this.db.prepare('SELECT * FROM courses WHERE id = ?').get(id) as CourseRow | undefined;
    if (!row) throw userError('not-found', 'svc.drafts.noCourse', { id });
    return row;
  }

  private sectionRow(id: string): SectionRow {
    const row = this.db.prepare('SELECT * FROM sections WHERE id = ?').get(id) as SectionRow | undefined;
    if (!row) throw userError('not-found', 'svc.drafts.noSection', { id });
    return row;
  }

  private lectureRow(id: string): LectureRow {
    const row = this.db.prepare('SELECT * FROM lectures WHERE id = ?').get(id) as LectureRow | undefined;
    if (!row) throw userError('not-found', 'svc.drafts.noLecture', { id });
    return row;
  }

  private courseIdOfSection(sectionId: string): string {
    return this.sectionRow(sectionId).course_id;
  }

  private exists(table: 'courses' | 'sections', id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  }

  private updateRow(table: 'courses' | 'sections' | 'lectures', id: string, columns: Record<string, string | number | null>): void {
    const names = Object.keys(columns);
    const sets = [...names.map((n) => `${n} = @${n}`), 'updated_at = @updated_at'].join(', ');
    this.db.prepare(`UPDATE ${table} SET ${sets} WHERE id = @id`).run({ ...columns, updated_at: this.now(), id });
  }

  private insertRow(table: 'courses' | 'sections' | 'lectures', row: CourseRow | SectionRow | LectureRow): void {
    const names = Object.keys(row);
    this.db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
  }

  private touchCourse(courseId: string): void {
    this.db.prepare('UPDATE courses SET updated_at = ? WHERE id = ?').run(this.now(), courseId);
  }

  private writeOrder(table: 'sections' | 'lectures', ids: string[]): void {
    const update = this.db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
    ids.forEach((id, i) => update.run(i, id));
  }

  private closeGap(table: 'sections' | 'lectures', parentColumn: string, parentId: string, position: number): void {
    this.db.prepare(`UPDATE ${table} SET position = position - 1 WHERE ${parentColumn} = ? AND position > ?`).run(parentId, position);
  }

  /** Makes room at `position` (clamped to the end) and returns the position actually freed. */
  private openGap(table: 'sections' | 'lectures', parentColumn: string, parentId: string, position: number): number {
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${parentColumn} = ?`).get(parentId) as { n: number };
    const at = Math.min(position, n);
    this.db.prepare(`UPDATE ${table} SET position = position + 1 WHERE ${parentColumn} = ? AND position >= ?`).run(parentId, at);
    return at;
  }

  private changed(courseId: string): void {
    this.emit('drafts.changed', { courseId });
  }
}

/** `ids` with `id` moved to `toIndex` (clamped to the end). */
function moveWithin(ids: string[], id: string, toIndex: number): string[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(toIndex, rest.length), 0, id);
  return rest;
}
