import { describe, expect, it } from 'vitest';
import { parseCourseManifest } from '../../../main/services/downloads/manifest';

const file = { path: 'media/l1/master.m3u8', size: 100, sha256: 'a'.repeat(64) };
const manifest = (lecture: Record<string, unknown> = {}, root: Record<string, unknown> = {}) =>
  JSON.stringify({ courseId: 'c1', version: 3, title: 'T', lectures: [{ id: 'l1', title: 'L', media: { master: file.path, files: [file] }, ...lecture }], ...root });

describe('parseCourseManifest', () => {
  it('keeps script-bearing text as plain strings and drops unknown fields', () => {
    const m = parseCourseManifest(manifest({ title: '<script>alert(1)</script>', extra: 1 }, { description: '<img onerror=x>' }), 'course.json');
    expect(m.lectures[0]?.title).toBe('<script>alert(1)</script>');
    expect(m.description).toBe('<img onerror=x>');
    expect(m.lectures[0]).not.toHaveProperty('extra');
  });

  it.each([
    ['a 10 GB file', manifest({ media: { master: file.path, files: [{ ...file, size: 10 * 1024 ** 3 }] } }), /lectures\.0\.media\.files\.0\.size is larger than 268435456 bytes/],
    ['a fractional size', manifest({ media: { master: file.path, files: [{ ...file, size: 1.5 }] } }), /size/],
    ['an uppercase checksum', manifest({ media: { master: file.path, files: [{ ...file, sha256: 'A'.repeat(64) }] } }), /sha256 must be 64 lowercase hex digits/],
    ['a path with ..', manifest({ media: { master: 'media/../../x', files: [file] } }), /media\.master must be a relative path/],
    ['a path with a backslash', manifest({ media: { master: 'media\\x', files: [file] } }), /must be a relative path/],
    ['a hidden path', manifest({ media: { master: '.git/config', files: [file] } }), /must be a relative path/],
    ['an id with a slash', manifest({ id: 'a/b' }), /lectures\.0\.id must be 1–64 letters/],
    ['a missing lectures list', JSON.stringify({ courseId: 'c1', version: 1, title: 'T' }), /lectures/],
    ['an array at the root', '[]', /\(root\)/],
    ['broken JSON', '{', /course\.json is not valid JSON/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseCourseManifest(text, 'course.json')).toThrow(message);
  });
});

describe('lecture captions in the manifest', () => {
  const vtt = { path: 'courses/c1/lectures/l1/captions/0123456789abcdef0123/captions.vtt', size: 120, sha256: 'b'.repeat(64) };

  it('is optional, and parses with its language and label', () => {
    expect(parseCourseManifest(manifest(), 'course.json').lectures[0]?.captions).toBeUndefined();
    const m = parseCourseManifest(manifest({ captions: { vtt, language: 'pt-BR', label: 'Português' } }), 'course.json');
    expect(m.lectures[0]?.captions).toEqual({ vtt, language: 'pt-BR', label: 'Português' });
  });

  it.each([
    ['captions over 2 MiB', { vtt: { ...vtt, size: 2 * 1024 * 1024 + 1 } }, /lectures\.0\.captions\.vtt\.size is larger than 2097152 bytes/],
    ['empty captions', { vtt: { ...vtt, size: 0 } }, /captions\.vtt\.size/],
    ['a path outside the hub', { vtt: { ...vtt, path: '../../etc/captions.vtt' } }, /captions\.vtt\.path must be a relative path/],
    ['an absolute path', { vtt: { ...vtt, path: '/etc/captions.vtt' } }, /captions\.vtt\.path must be a relative path/],
    ['a URL', { vtt: { ...vtt, path: 'https://evil.example/captions.vtt' } }, /captions\.vtt\.path must be a relative path/],
    ['a file that is not .vtt', { vtt: { ...vtt, path: 'courses/c1/lectures/l1/captions/x/captions.html' } }, /captions\.vtt\.path must name a \.vtt file/],
    ['a malformed checksum', { vtt: { ...vtt, sha256: 'zz' } }, /captions\.vtt\.sha256 must be 64 lowercase hex digits/],
    ['a language that is not a tag', { vtt, language: 'en"><script>' }, /captions\.language must be a language tag/],
    ['a label with a line break', { vtt, label: 'a\nb' }, /captions\.label must be one line/],
  ])('refuses %s', (_what, captions, message) => {
    expect(() => parseCourseManifest(manifest({ captions }), 'course.json')).toThrow(message);
  });
});
