import { describe, expect, it } from 'vitest';
import type { CourseManifest } from '../../../main/services/downloads/manifest';
import { planGarbage, type HubObject } from '../../../main/services/uploads/gc-plan';

const sha = 'a'.repeat(64);
const file = (path: string) => ({ path, size: 10, sha256: sha });
const manifest = (version: number, pkg: string, poster: string): CourseManifest => ({
  courseId: 'c',
  version,
  title: 'C',
  lectures: [{ id: 'l1', title: 'L', poster: file(`courses/c/lectures/l1/poster/${poster}/poster.jpg`), media: { master: `courses/c/lectures/l1/${pkg}/master.m3u8`, files: [file(`courses/c/lectures/l1/${pkg}/master.m3u8`)] } }],
});
const DAY = 24 * 3600_000;
const now = 10 * DAY;
const old = (path: string): HubObject => ({ path, size: 100, lastModified: now - 2 * DAY });
const fresh = (path: string): HubObject => ({ path, size: 100, lastModified: now - 1000 });

describe('planGarbage', () => {
  const objects = [
    old('courses/c/latest.json'),
    old('courses/c/versions/1/course.json'),
    old('courses/c/versions/2/course.json'),
    old('courses/c/versions/3/course.json'),
    old('courses/c/lectures/l1/p1/master.m3u8'),
    old('courses/c/lectures/l1/p2/master.m3u8'),
    old('courses/c/lectures/l1/p3/master.m3u8'),
    old('courses/c/lectures/l1/poster/x1/poster.jpg'),
    old('courses/c/lectures/l1/poster/x3/poster.jpg'),
    fresh('courses/c/lectures/l1/p4/master.m3u8'),
    old('courses/c/versions/4/course.json'),
    old('courses/other/latest.json'),
  ];

  it('keeps what the kept versions use, the pointer, versions beyond the current one and anything young; removes the rest', () => {
    const plan = planGarbage(objects, 'c', 3, [manifest(3, 'p3', 'x3'), manifest(2, 'p2', 'x3')], { now, graceMs: DAY });
    expect(plan.keptVersions).toEqual([3, 2]);
    expect(plan.remove.map((o) => o.path)).toEqual(['courses/c/versions/1/course.json', 'courses/c/lectures/l1/p1/master.m3u8', 'courses/c/lectures/l1/poster/x1/poster.jpg']);
    expect(plan.spared).toBe(1);
  });

  it('keeps the cover the kept versions name and removes a replaced one', () => {
    const withCover = (version: number, hash: string): CourseManifest => ({ ...manifest(version, 'p3', 'x3'), cover: { path: `courses/c/cover/${hash}/cover.jpg`, size: 10, sha256: sha } });
    const covers = [...objects, old('courses/c/cover/k1/cover.jpg'), old('courses/c/cover/k2/cover.jpg'), old('courses/c/cover/k3/cover.jpg')];
    const plan = planGarbage(covers, 'c', 3, [withCover(3, 'k3'), withCover(2, 'k2')], { now, graceMs: DAY });
    expect(plan.remove.map((o) => o.path).filter((p) => p.includes('/cover/'))).toEqual(['courses/c/cover/k1/cover.jpg']);
  });

  it('keeps the captions the kept versions name', () => {
    const captioned: CourseManifest = { ...manifest(3, 'p3', 'x3') };
    captioned.lectures = [{ ...captioned.lectures[0]!, captions: { vtt: { path: 'courses/c/lectures/l1/captions/v3/captions.vtt', size: 10, sha256: sha } } }];
    const withCaptions = [...objects, old('courses/c/lectures/l1/captions/v1/captions.vtt'), old('courses/c/lectures/l1/captions/v3/captions.vtt')];
    const plan = planGarbage(withCaptions, 'c', 3, [captioned], { now, graceMs: DAY });
    expect(plan.remove.map((o) => o.path).filter((p) => p.includes('/captions/'))).toEqual(['courses/c/lectures/l1/captions/v1/captions.vtt']);
  });
});
