import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventSink } from '../../contract/events';
import type { CourseCover, CourseDetail, CourseSummary } from '../../contract/types';
import type { Logger } from '../log/logger';
import { MediaPaths } from '../media/media-paths';
import { checkCoverSource, renderCover } from './cover-image';
import { SNIFF_BYTES, sniffImage } from './image-sniff';
import { userError } from '../text/user-error';

export const STUDIO_COVERS_ROUTE = '/studio-covers/';

interface CoverRow {
  course_id: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  source_name: string;
  updated_at: number;
}

export interface CoverServiceOptions {
  dataDir: string;
  /** The ffmpeg that makes lecture posters. */
  ffmpegPath: string;
  emit?: EventSink;
  log?: Logger;
  now?: () => number;
}

/**
 * Course covers: a chosen JPEG, PNG or WebP is checked by its bytes, scaled and cropped to a 1280×720
 * JPEG and kept in `<data>/covers/<sha256>.jpg`; `course_covers` points a course at it. Replacing or
 * removing a cover deletes the old file once no course refers to it, so nothing is left behind, and two
 * courses given the same picture share one file.
 */
export class CoverService {
  private readonly dir: string;
  private readonly media: MediaPaths;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly opts: CoverServiceOptions,
  ) {
    this.dir = path.join(opts.dataDir, 'covers');
    this.media = new MediaPaths(opts.dataDir);
    this.now = opts.now ?? Date.now;
    this.sweep();
  }

  /** The cover's file on disk (for publishing); null when the course has none. */
  file(courseId: string): string | null {
    const row = this.row(courseId);
    return row ? this.pathOf(row.sha256) : null;
  }

  get(courseId: string): CourseCover | null {
    const row = this.row(courseId);
    return row ? toCover(row) : null;
  }

  /** Checks, converts and stores the image, then points the course at it; the previous cover's file goes if unused. */
  async set(courseId: string, filePath: string): Promise<CourseCover> {
    this.requireCourse(courseId);
    const source = await checkCoverSource(filePath);
    fs.mkdirSync(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.tmp-${randomUUID()}.jpg`);
    try {
      await renderCover(this.opts.ffmpegPath, filePath, temp);
      const bytes = await fs.promises.readFile(temp);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Same bytes, same name: an existing file with this name already holds exactly this picture. Renamed
      // in the same synchronous stretch as the row is written, so a remove() elsewhere cannot drop it in between.
      fs.renameSync(temp, this.pathOf(sha256));
      const previous = this.row(courseId);
      const row: CoverRow = {
        course_id: courseId,
        sha256,
        bytes: bytes.length,
        ...dimsOf(bytes),
        source_name: path.basename(filePath).slice(0, 255),
        updated_at: this.now(),
      };
      this.db
        .prepare(
          `INSERT INTO course_covers (course_id, sha256, bytes, width, height, source_name, updated_at)
           VALUES (@course_id, @sha256, @bytes, @width, @height, @source_name, @updated_at)
           ON CONFLICT(course_id) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, width = excluded.width,
             height = excluded.height, source_name = excluded.source_name, updated_at = excluded.updated_at`,
        )
        .run(row);
      if (previous && previous.sha256 !== sha256) this.dropIfUnused(previous.sha256);
      this.opts.log?.log('info', 'course cover set', { courseId, sha256, from: source.type, width: source.width, height: source.height, sourceBytes: source.bytes, bytes: row.bytes });
      this.opts.emit?.('drafts.changed', { courseId });
      return toCover(row);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /** Removes the course's cover; false when it had none. */
  remove(courseId: string): boolean {
    this.requireCourse(courseId);
    const row = this.row(courseId);
    if (!row) return false;
    this.db.prepare('DELETE FROM course_covers WHERE course_id = ?').run(courseId);
    this.dropIfUnused(row.sha256);
    this.opts.emit?.('drafts.changed', { courseId });
    return true;
  }

  /** The course with its cover. */
  withCover(course: CourseDetail): CourseDetail {
    return { ...course, cover: this.get(course.id) };
  }

  /** Each course with what the list shows: its cover, else its first lecture's poster. */
  withCoverPaths(courses: CourseSummary[]): CourseSummary[] {
    const covers = new Map((this.db.prepare('SELECT course_id, sha256 FROM course_covers').all() as { course_id: string; sha256: string }[]).map((r) => [r.course_id, r.sha256]));
    const lectures = this.db.prepare(
      `SELECT l.id FROM lectures l JOIN sections s ON s.id = l.section_id WHERE s.course_id = ? ORDER BY s.position, l.position`,
    );
    return courses.map((c) => {
      const sha = covers.get(c.id);
      if (sha) return { ...c, coverPath: studioPath(sha) };
      const withPoster = (lectures.all(c.id) as { id: string }[]).find((l) => fs.existsSync(this.media.output(l.id, 'poster.jpg')));
      return { ...c, coverPath: withPoster ? `/studio-media/${withPoster.id}/poster.jpg` : null };
    });
  }

  private row(courseId: string): CoverRow | null {
    return (this.db.prepare('SELECT * FROM course_covers WHERE course_id = ?').get(courseId) as CoverRow | undefined) ?? null;
  }

  private requireCourse(courseId: string): void {
    if (!this.db.prepare('SELECT 1 FROM courses WHERE id = ?').get(courseId)) throw userError('not-found', 'svc.covers.noCourse', { courseId });
  }

  private pathOf(sha256: string): string {
    return path.join(this.dir, `${sha256}.jpg`);
  }

  private dropIfUnused(sha256: string): void {
    if (this.db.prepare('SELECT 1 FROM course_covers WHERE sha256 = ?').get(sha256)) return;
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  /**
   * Forgets covers of courses gone for good (not in the drafts, not in the trash) and deletes files no row
   * names, temp files of a conversion cut short included.
   */
  private sweep(): void {
    this.db
      .prepare(
        `DELETE FROM course_covers WHERE course_id NOT IN (SELECT id FROM courses)
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.kind = 'course' AND instr(t.payload, course_covers.course_id) > 0)`,
      )
      .run();
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    const used = new Set((this.db.prepare('SELECT sha256 FROM course_covers').all() as { sha256: string }[]).map((r) => `${r.sha256}.jpg`));
    for (const name of names) if (!used.has(name)) fs.rmSync(path.join(this.dir, name), { force: true, recursive: true });
  }
}

function toCover(r: CoverRow): CourseCover {
  return { sha256: r.sha256, width: r.width, height: r.height, bytes: r.bytes, sourceName: r.source_name, path: studioPath(r.sha256), updatedAt: r.updated_at };
}

const studioPath = (sha256: string) => `${STUDIO_COVERS_ROUTE}${sha256}.jpg`;

/** The frame size ffmpeg wrote, read back from the JPEG's header. */
function dimsOf(bytes: Buffer): { width: number; height: number } {
  const out = sniffImage(bytes.subarray(0, SNIFF_BYTES));
  return out.kind === 'image' ? { width: out.width, height: out.height } : { width: 0, height: 0 };
}
