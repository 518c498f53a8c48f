import { describe, expect, it } from 'vitest';
import { fetchCatalog } from '../../../main/services/catalog/hub-documents';
import { parseCourseManifest } from '../../../main/services/downloads/manifest';

/** A hub that repeats an id would make the course page and the download dialog disagree: refuse it whole. */
const file = (p: string) => ({ path: p, size: 100, sha256: 'a'.repeat(64) });
const lecture = (id: string, files = [file(`media/${id}/master.m3u8`)]) => ({ id, title: `Lecture ${id}`, media: { master: files[0]!.path, files } });
const doc = (root: Record<string, unknown>) => JSON.stringify({ courseId: 'c1', version: 1, title: 'T', lectures: [lecture('l1'), lecture('l2')], ...root });

describe('duplicate ids in a course manifest', () => {
  it.each([
    ['two lectures with one id', doc({ lectures: [lecture('l1'), lecture('l2'), lecture('l1')] }), /lectures\.2\.id repeats the lecture id "l1" already used at lectures\.0\.id/],
    ['two sections with one id', doc({ sections: [{ id: 's1', title: 'A', lectureIds: ['l1'] }, { id: 's1', title: 'B', lectureIds: ['l2'] }] }), /sections\.1\.id repeats the section id "s1"/],
    ['a lecture in two sections', doc({ sections: [{ id: 's1', title: 'A', lectureIds: ['l1'] }, { id: 's2', title: 'B', lectureIds: ['l1', 'l2'] }] }), /sections\.1\.lectureIds\.0 repeats the lecture id \(a lecture belongs to one section, once\) "l1"/],
    ['a lecture twice in one section', doc({ sections: [{ id: 's1', title: 'A', lectureIds: ['l2', 'l2'] }] }), /sections\.0\.lectureIds\.1 repeats/],
    ['one file listed twice in a lecture', doc({ lectures: [lecture('l1', [file('m/a.m3u8'), file('m/b.ts'), file('m/a.m3u8')])] }), /lectures\.0\.media\.files\.2\.path repeats the file "m\/a\.m3u8"/],
  ])('refuses %s, naming the document and the id', (_what, text, message) => {
    expect(() => parseCourseManifest(text, 'The manifest of "Algebra" (course.json)')).toThrow(/^The manifest of "Algebra" \(course\.json\) was refused: /);
    expect(() => parseCourseManifest(text, 'course.json')).toThrow(message);
  });

  it('still accepts one media file shared by two lectures and unique ids everywhere', () => {
    const shared = file('media/shared/init.mp4');
    const m = parseCourseManifest(
      doc({
        lectures: [lecture('l1', [file('m/1.m3u8'), shared]), lecture('l2', [file('m/2.m3u8'), shared])],
        sections: [{ id: 's1', title: 'A', lectureIds: ['l1'] }, { id: 's2', title: 'B', lectureIds: ['l2'] }],
      }),
      'course.json',
    );
    expect(m.lectures.map((l) => l.id)).toEqual(['l1', 'l2']);
  });
});

describe('duplicate courses in catalog.json', () => {
  const entry = (title: string) => ({ id: 'c1', title, version: 1, latest: 'courses/c1/latest.json' });
  const hub: typeof fetch = () => Promise.resolve(new Response(JSON.stringify({ courses: [entry('Algebra'), entry('Algebra (again)')] })));

  it('refuses a catalog that lists one course twice, naming the catalog and the id', async () => {
    await expect(fetchCatalog(new URL('https://hub.example/'), new AbortController().signal, hub)).rejects.toThrow(
      /^The hub catalog \(catalog\.json\) was refused: courses\.1\.id repeats the course id "c1" already used at courses\.0\.id; each must be unique\.$/,
    );
  });
});
