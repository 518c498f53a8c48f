import fs from 'node:fs';
import path from 'node:path';
import type { PublishProblem } from '../../contract/domains/publishing-types';
import type { CourseDetail, Lecture, LectureMedia } from '../../contract/types';
import type { PublishCourse, PublishLecture } from '../uploads/publish-plan';

/** What the hub format accepts (main/services/downloads/manifest.ts); drafts allow longer text. */
const LIMITS = { title: 500, subtitle: 1_000, description: 50_000, summary: 50_000 };

export type MediaOf = (lectureId: string) => LectureMedia;

interface Located {
  lecture: Lecture;
  /** "Lecture 2 of “Basics”", for messages about lectures without a usable title. */
  where: string;
}

function lecturesOf(course: CourseDetail): Located[] {
  return course.sections.flatMap((s) => s.lectures.map((lecture, i) => ({ lecture, where: `Lecture ${i + 1} of section “${s.title.trim() || 'untitled'}”` })));
}

/**
 * The pre-publish check: everything that would make the published course unusable or be refused by the
 * hub format — no lectures, blank or too-long titles, a lecture whose HLS ladder is missing or still
 * being built. An empty list means the course can be published.
 */
export function checkCourse(course: CourseDetail, mediaOf: MediaOf): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const courseProblem = (message: string) => problems.push({ lectureId: null, message });
  if (course.title.trim() === '') courseProblem('The course has no title. Give it one in the Studio.');
  if (course.title.length > LIMITS.title) courseProblem(`The course title is longer than ${LIMITS.title} characters; shorten it.`);
  if (course.subtitle.length > LIMITS.subtitle) courseProblem(`The subtitle is longer than ${LIMITS.subtitle} characters; shorten it.`);
  if (course.description.length > LIMITS.description) courseProblem(`The description is longer than ${LIMITS.description.toLocaleString('en')} characters; shorten it.`);
  for (const s of course.sections) if (s.title.length > LIMITS.title) courseProblem(`The title of section “${s.title.slice(0, 40)}…” is longer than ${LIMITS.title} characters.`);
  const lectures = lecturesOf(course);
  if (lectures.length === 0) courseProblem('The course has no lectures yet. Add at least one lecture with a video in the Studio.');

  for (const { lecture, where } of lectures) {
    const name = lecture.title.trim() ? `“${lecture.title.trim()}”` : where;
    const problem = (message: string) => problems.push({ lectureId: lecture.id, message });
    if (lecture.title.trim() === '') problem(`${where} has no title.`);
    if (lecture.title.length > LIMITS.title) problem(`The title of ${name} is longer than ${LIMITS.title} characters.`);
    if (lecture.summary.length > LIMITS.summary) problem(`The summary of ${name} is longer than ${LIMITS.summary.toLocaleString('en')} characters.`);
    const media = mediaOf(lecture.id);
    if (media.ladder) continue;
    const building = media.jobs.some((j) => j.kind === 'ladder' && (j.status === 'queued' || j.status === 'running'));
    if (building) problem(`${name} is still being transcoded; wait until its video ladder is finished.`);
    else if (media.source) problem(`${name} has a video but no finished HLS ladder; build it in the Studio.`);
    else problem(`${name} has no video; import one and build it in the Studio.`);
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
