import fs from 'node:fs';
import path from 'node:path';
import type { PublishProblem } from '../../contract/domains/publishing-types';
import type { CourseDetail, Lecture, LectureMedia } from '../../contract/types';
import type { TextKey, TextValues } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import type { PublishCourse, PublishLecture } from '../uploads/publish-plan';

/** What the hub format accepts (main/services/downloads/manifest.ts); drafts allow longer text. */
const LIMITS = { title: 500, subtitle: 1_000, description: 50_000, summary: 50_000 };

export type MediaOf = (lectureId: string) => LectureMedia;

interface Located {
  lecture: Lecture;
  /** Names the lecture in messages: its title, or ("Lecture 2 of section “Basics”") its place when untitled. */
  values: TextValues;
}

function lecturesOf(course: CourseDetail): Located[] {
  return course.sections.flatMap((s) =>
    s.lectures.map((lecture, i) => {
      const section = s.title.trim() || 'untitled';
      const title = lecture.title.trim();
      return { lecture, values: { index: String(i + 1), section, title, named: title ? 'yes' : 'no' } };
    }),
  );
}

/** A problem as a catalog message, its English `message` formatted from it (logs, the English CLI). */
const said = (lectureId: string | null, key: TextKey, values?: TextValues): PublishProblem => {
  const text = values ? { key, values } : { key };
  return { lectureId, message: formatText(text), text };
};

/**
 * The pre-publish check: everything that would make the published course unusable or be refused by the
 * hub format — no lectures, blank or too-long titles, a lecture whose HLS ladder is missing or still
 * being built. An empty list means the course can be published.
 */
export function checkCourse(course: CourseDetail, mediaOf: MediaOf): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const courseProblem = (key: TextKey, values?: TextValues) => problems.push(said(null, key, values));
  if (course.title.trim() === '') courseProblem('svc.publishing.courseNoTitle');
  if (course.title.length > LIMITS.title) courseProblem('svc.publishing.courseTitleLong', { max: String(LIMITS.title) });
  if (course.subtitle.length > LIMITS.subtitle) courseProblem('svc.publishing.subtitleLong', { max: String(LIMITS.subtitle) });
  if (course.description.length > LIMITS.description) courseProblem('svc.publishing.descriptionLong', { max: LIMITS.description.toLocaleString('en') });
  for (const s of course.sections) if (s.title.length > LIMITS.title) courseProblem('svc.publishing.sectionTitleLong', { start: s.title.slice(0, 40), max: String(LIMITS.title) });
  const lectures = lecturesOf(course);
  if (lectures.length === 0) courseProblem('svc.publishing.noLectures');

  for (const { lecture, values } of lectures) {
    const problem = (key: TextKey, more: TextValues = {}) => problems.push(said(lecture.id, key, { ...values, ...more }));
    if (lecture.title.trim() === '') problem('svc.publishing.lectureNoTitle');
    if (lecture.title.length > LIMITS.title) problem('svc.publishing.lectureTitleLong', { max: String(LIMITS.title) });
    if (lecture.summary.length > LIMITS.summary) problem('svc.publishing.summaryLong', { max: LIMITS.summary.toLocaleString('en') });
    const media = mediaOf(lecture.id);
    if (media.ladder) continue;
    const building = media.jobs.some((j) => j.kind === 'ladder' && (j.status === 'queued' || j.status === 'running'));
    if (building) problem('svc.publishing.transcoding');
    else if (media.source) problem('svc.publishing.noLadder');
    else problem('svc.publishing.noVideo');
  }
  return problems;
}

/**
 * The draft as the Publisher takes it: sections in order, lecture details, ladder, poster, storyboard,
 * preview clip and captions, and the course's cover image (`cover`, the processed JPEG) when it has one.
 */
export function toPublishCourse(course: CourseDetail, mediaOf: MediaOf, cover: string | null = null): PublishCourse {
  const lectures: PublishLecture[] = lecturesOf(course).map(({ lecture }) => {
    const media = mediaOf(lecture.id);
    if (!media.ladder) throw new Error(`Lecture “${lecture.title}” has no finished HLS ladder.`);
    const durationSec = lecture.durationSec ?? media.source?.probe.durationSec ?? null;
    return {
      id: lecture.id,
      title: lecture.title.trim(),
      ...(lecture.summary ? { summary: lecture.summary } : {}),
      ...(durationSec !== null ? { durationSec: Math.round(durationSec * 1000) / 1000 } : {}),
      freePreview: lecture.freePreview,
      packageDir: path.dirname(media.ladder.master),
      renditions: media.ladder.renditions.map((r) => ({ name: r.name, height: r.height, bandwidth: r.bandwidth })),
      poster: media.poster,
      // A clip shorter than one thumbnail interval gets a VTT but no sprite; publish no storyboard then.
      storyboard: media.storyboard && fs.existsSync(media.storyboard.sprite) ? media.storyboard : null,
      previewClip: media.preview,
      captions: media.captions ? { vtt: media.captions.file, language: media.captions.language, label: media.captions.label } : null,
    };
  });
  return {
    courseId: course.id,
    title: course.title.trim(),
    ...(course.subtitle ? { subtitle: course.subtitle } : {}),
    ...(course.description ? { description: course.description } : {}),
    ...(course.language ? { language: course.language } : {}),
    ...(course.tags.length ? { tags: course.tags } : {}),
    ...(cover ? { cover } : {}),
    sections: course.sections.map((s) => ({ id: s.id, title: s.title.trim(), lectureIds: s.lectures.map((l) => l.id) })),
    lectures,
  };
}
