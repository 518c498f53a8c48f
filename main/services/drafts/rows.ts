import type { Course, EncodingQuality, Lecture, Section } from '../../contract/types';

/** Row shapes as stored; kept beside their mappers so a column rename touches one file. */

export interface CourseRow {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  language: string;
  tags: string;
  /** Absent in trash payloads written before migration 0012; the column default applies on restore. */
  encoding?: EncodingQuality;
  created_at: number;
  updated_at: number;
}

export interface SectionRow {
  id: string;
  course_id: string;
  title: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface LectureRow {
  id: string;
  section_id: string;
  title: string;
  summary: string;
  duration_sec: number | null;
  free_preview: number;
  status: 'draft' | 'ready';
  position: number;
  created_at: number;
  updated_at: number;
}

export function toCourse(r: CourseRow): Course {
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    description: r.description,
    language: r.language,
    tags: JSON.parse(r.tags) as string[],
    encoding: r.encoding ?? 'balanced',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSection(r: SectionRow): Section {
  return { id: r.id, courseId: r.course_id, title: r.title, position: r.position, updatedAt: r.updated_at };
}

export function toLecture(r: LectureRow): Lecture {
  return {
    id: r.id,
    sectionId: r.section_id,
    title: r.title,
    summary: r.summary,
    durationSec: r.duration_sec,
    freePreview: r.free_preview === 1,
    status: r.status,
    position: r.position,
    updatedAt: r.updated_at,
  };
}
