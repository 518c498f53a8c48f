import { describe, expect, it } from 'vitest';
import { fetchCatalog, fetchCourse } from '../../../main/services/catalog/hub-documents';

/** Hub documents as hostile input: each answer is scripted, nothing touches the network. */
const base = new URL('https://hub.example/lectern/');
const never = new AbortController().signal;
const entry = { id: 'c1', title: 'Course', version: 2, latest: 'courses/c1/latest.json' };
const manifest = { courseId: 'c1', version: 2, title: 'Course', lectures: [] };

function hub(files: Record<string, string | Response>): typeof fetch {
  return (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = files[url.pathname.slice(base.pathname.length)];
    if (body === undefined) return Promise.resolve(new Response('missing', { status: 404 }));
    return Promise.resolve(body instanceof Response ? body : new Response(body));
  };
}

describe('catalog.json', () => {
  it('parses a valid catalog and drops unknown fields', async () => {
    const doc = await fetchCatalog(base, never, hub({ 'catalog.json': JSON.stringify({ courses: [{ ...entry, extra: 1 }], future: true }) }));
    expect(doc).toMatchObject({ notModified: false, doc: { kind: 'single', catalog: { courses: [entry] } } });
  });

  it('refuses an index whose pages lie outside catalog/pages/ or are too big', async () => {
    const index = (pages: unknown[]) => JSON.stringify({ lectern: 'catalog-index', schemaVersion: 2, courses: 'paged', total: 1, pages });
    await expect(fetchCatalog(base, never, hub({ 'catalog.json': index([{ key: '../../etc/passwd', first: 'a', last: 'a', count: 1 }]) }))).rejects.toThrow(/pages\.0\.key must be catalog\/pages\/<hex>\.json/);
    await expect(fetchCatalog(base, never, hub({ 'catalog.json': index([{ key: 'catalog/pages/0123456789abcdef.json', first: 'a', last: 'a', count: 5000 }]) }))).rejects.toThrow(/pages\.0\.count/);
  });

  it.each([
    ['not JSON', 'catalog.json', '<html>', /is not valid JSON/],
    ['a latest key outside the hub', 'catalog.json', JSON.stringify({ courses: [{ ...entry, latest: '../other/latest.json' }] }), /courses\.0\.latest must be a relative path/],
    ['a script-like id', 'catalog.json', JSON.stringify({ courses: [{ ...entry, id: '<script>' }] }), /courses\.0\.id must be 1–64/],
    ['a declared 5 MB body', 'catalog.json', new Response('{}', { headers: { 'content-length': String(5 * 1024 * 1024) } }), /refuses more than/],
    ['a redirect to another host', 'catalog.json', new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/' } }), /points at another server/],
    ['no catalog at all', 'other.json', '{}', /answered 404/],
  ])('refuses %s', async (_what, key, body, message) => {
    await expect(fetchCatalog(base, never, hub({ [key]: body }))).rejects.toThrow(message);
  });
});

describe('latest.json → course.json', () => {
  const latest = { courseId: 'c1', version: 2, manifest: 'courses/c1/versions/2/course.json' };

  it('follows the pointer to a manifest of the same course and version', async () => {
    const got = await fetchCourse(base, entry, never, hub({ 'courses/c1/latest.json': JSON.stringify(latest), 'courses/c1/versions/2/course.json': JSON.stringify(manifest) }));
    expect(got).toEqual({ manifestPath: latest.manifest, manifest: expect.objectContaining({ courseId: 'c1', version: 2 }) });
  });

  it.each([
    ['a pointer to another course', { ...latest, courseId: 'c2' }, manifest, /is about course c2, not c1/],
    ['a manifest path leaving the hub', { ...latest, manifest: '../../etc/passwd' }, manifest, /leaves the hub folder/],
    ['a file: manifest URI', { ...latest, manifest: 'file:///etc/passwd' }, manifest, /uses file:/],
    ['a manifest of another version', latest, { ...manifest, version: 1 }, /is course c1 version 1; latest.json promised c1 version 2/],
    ['a manifest with an absurd file size', latest, { ...manifest, lectures: [{ id: 'l', title: 'L', media: { master: 'm.m3u8', files: [{ path: 'm.m3u8', size: 10 * 1024 ** 3, sha256: 'a'.repeat(64) }] } }] }, /is larger than/],
  ])('refuses %s', async (_what, pointer, doc, message) => {
    const files = { 'courses/c1/latest.json': JSON.stringify(pointer), 'courses/c1/versions/2/course.json': JSON.stringify(doc) };
    await expect(fetchCourse(base, entry, never, hub(files))).rejects.toThrow(message);
  });
});
