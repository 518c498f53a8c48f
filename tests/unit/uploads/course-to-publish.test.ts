import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CourseDetail, Lecture, LectureMedia, MediaJob } from '../../../main/contract/types';
import { checkCourse, toPublishCourse, type MediaOf } from '../../../main/services/publishing/course-to-publish';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-c2p-');
afterAll(() => tmp.cleanup());

const lecture = (id: string, title: string, more: Partial<Lecture> = {}): Lecture => ({
  id,
  sectionId: 's1',
  title,
  summary: '',
  durationSec: null,
  freePreview: false,
  status: 'draft',
  position: 0,
  updatedAt: 0,
  ...more,
});

const course = (lectures: Lecture[][], more: Partial<CourseDetail> = {}): CourseDetail => ({
  id: 'c1',
  title: 'Course',
  subtitle: '',
  description: '',
  language: 'en',
  tags: [],
  encoding: 'balanced',
  createdAt: 0,
  updatedAt: 0,
  sections: lectures.map((ls, i) => ({ id: `s${i + 1}`, courseId: 'c1', title: `Section ${i + 1}`, position: i, updatedAt: 0, lectures: ls })),
  ...more,
});

const job = (kind: MediaJob['kind'], status: MediaJob['status']): MediaJob => ({
  id: `${kind}-job`,
  lectureId: 'x',
  kind,
  status,
  percent: 0,
  etaSec: null,
  error: null,
  createdAt: 0,
  startedAt: null,
  finishedAt: null,
});

const empty = (lectureId: string): LectureMedia => ({ lectureId, source: null, poster: null, storyboard: null, preview: null, ladder: null, captions: null, jobs: [] });
const withSource = (lectureId: string, jobs: MediaJob[] = []): LectureMedia => ({
  ...empty(lectureId),
  source: { file: '/v.mp4', originalName: 'v.mp4', sizeBytes: 1, importedAt: 0, probe: { container: 'mp4', durationSec: 61.23456, sizeBytes: 1, bitRate: null, video: null, audio: null } },
  jobs,
});
const built = (lectureId: string): LectureMedia => {
  const dir = path.join(tmp.dir, lectureId);
  fs.mkdirSync(path.join(dir, 'storyboard'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'storyboard', 'thumbnails.vtt'), 'WEBVTT\n');
  return {
    ...withSource(lectureId),
    poster: path.join(dir, 'poster.jpg'),
    // The sprite is missing on purpose: a clip shorter than one thumbnail interval has none.
    storyboard: { vtt: path.join(dir, 'storyboard', 'thumbnails.vtt'), sprite: path.join(dir, 'storyboard', 'sprite.jpg') },
    preview: null,
    ladder: { master: path.join(dir, 'hls', 'master.m3u8'), renditions: [{ name: '720p', width: 1280, height: 720, bandwidth: 3_000_000, playlist: '720p/index.m3u8' }] },
  };
};

describe('the pre-publish check', () => {
  it('asks for at least one lecture and a course title', () => {
    expect(checkCourse(course([[]], { title: '  ' }), empty).map((p) => p.message)).toEqual([
      'The course has no title. Give it one in the Studio.',
      'The course has no lectures yet. Add at least one lecture with a video in the Studio.',
    ]);
  });

  it('names each lecture by title, or by its place when the title is blank, and tells apart missing, unbuilt and building videos', () => {
    const media: Record<string, LectureMedia> = {
      a: empty('a'),
      b: withSource('b'),
      c: withSource('c', [job('ladder', 'running')]),
      d: built('d'),
      e: built('e'),
    };
    const problems = checkCourse(course([[lecture('a', 'Intro'), lecture('b', 'Setup')], [lecture('c', 'Deep dive'), lecture('d', ' '), lecture('e', 'x'.repeat(501))]]), (id) => media[id]!);
    // The English sentences as before; each problem also carries its message id (tests/unit/i18n).
    expect(problems.map(({ lectureId, message }) => ({ lectureId, message }))).toEqual([
      { lectureId: 'a', message: '“Intro” has no video; import one and build it in the Studio.' },
      { lectureId: 'b', message: '“Setup” has a video but no finished HLS ladder; build it in the Studio.' },
      { lectureId: 'c', message: '“Deep dive” is still being transcoded; wait until its video ladder is finished.' },
      { lectureId: 'd', message: 'Lecture 2 of section “Section 2” has no title.' },
      { lectureId: 'e', message: `The title of “${'x'.repeat(501)}” is longer than 500 characters.` },
    ]);
  });

  it('passes a course whose lectures all have titles and finished ladders', () => {
    expect(checkCourse(course([[lecture('d', 'Done')]]), built)).toEqual([]);
  });
});

describe('mapping a draft to the publisher', () => {
  it('keeps sections in order, trims titles, takes the probed duration when the draft has none, and leaves out a storyboard without its sprite', () => {
    const draft = course([[lecture('a', ' Intro ', { freePreview: true, summary: 'Hello' })], [lecture('b', 'More', { durationSec: 30 })]], { subtitle: 'Sub', tags: ['t'] });
    const mapped = toPublishCourse(draft, built as MediaOf);
    expect(mapped).toMatchObject({ courseId: 'c1', title: 'Course', subtitle: 'Sub', language: 'en', tags: ['t'] });
    expect(mapped.sections).toEqual([
      { id: 's1', title: 'Section 1', lectureIds: ['a'] },
      { id: 's2', title: 'Section 2', lectureIds: ['b'] },
    ]);
    expect(mapped.lectures[0]).toMatchObject({ id: 'a', title: 'Intro', summary: 'Hello', freePreview: true, durationSec: 61.235, storyboard: null, previewClip: null });
    expect(mapped.lectures[0]?.renditions).toEqual([{ name: '720p', height: 720, bandwidth: 3_000_000 }]);
    expect(mapped.lectures[0]?.packageDir).toBe(path.join(tmp.dir, 'a', 'hls'));
    expect(mapped.lectures[1]?.durationSec).toBe(30);
  });
});
