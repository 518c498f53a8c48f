import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { MAX_COVER_SOURCE_BYTES } from '../../../main/services/covers/cover-image';
import { CoverService } from '../../../main/services/covers/cover-service';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { makeImage } from '../../helpers/images';
import { FFMPEG, ffprobeJson } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-covers-');
afterAll(() => tmp.cleanup());
const src = (name: string) => path.join(tmp.dir, 'src', name);
fs.mkdirSync(path.join(tmp.dir, 'src'), { recursive: true });
const wide = makeImage(src('wide.png'), 2400, 800);
const tall = makeImage(src('tall.webp'), 600, 900);
const photo = makeImage(src('photo.jpg'), 1920, 1080);

let n = 0;
let dataDir: string;
let db: Database;
let drafts: DraftsService;
let covers: CoverService;
const changed: string[] = [];

beforeEach(() => {
  dataDir = path.join(tmp.dir, `data-${n++}`);
  db = openDatabase(dataDir);
  drafts = new DraftsService(db);
  changed.length = 0;
  covers = new CoverService(db, { dataDir, ffmpegPath: FFMPEG, emit: (_name, payload) => changed.push((payload as { courseId: string }).courseId) });
});

const coverFiles = () => fs.readdirSync(path.join(dataDir, 'covers')).sort();
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LecternError);
  return err as LecternError;
};

describe('CoverService', () => {
  it('turns a PNG into a 1280×720 JPEG named by its sha256, and records it', async () => {
    const course = drafts.createCourse('Optics');
    const cover = await covers.set(course.id, wide);
    expect(cover).toMatchObject({ width: 1280, height: 720, sourceName: 'wide.png', path: `/studio-covers/${cover.sha256}.jpg` });
    expect(coverFiles()).toEqual([`${cover.sha256}.jpg`]);
    const file = covers.file(course.id);
    expect(file).toBe(path.join(dataDir, 'covers', `${cover.sha256}.jpg`));
    const probe = ffprobeJson(file!, ['-show_streams']) as { streams: { codec_name: string; width: number; height: number }[] };
    expect(probe.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
    expect(fs.statSync(file!).size).toBe(cover.bytes);
    expect(changed).toEqual([course.id]);
    expect(covers.withCover(drafts.getCourse(course.id)).cover).toEqual(cover);
  });

  it('cover-crops a portrait WebP to the same 1280×720', async () => {
    const course = drafts.createCourse('Portraits');
    const cover = await covers.set(course.id, tall);
    const probe = ffprobeJson(covers.file(course.id)!, ['-show_streams']) as { streams: { width: number; height: number }[] };
    expect([probe.streams[0]?.width, probe.streams[0]?.height, cover.width, cover.height]).toEqual([1280, 720, 1280, 720]);
  });

  it('replacing and removing leave no file behind; two courses with one picture share its file', async () => {
    const a = drafts.createCourse('A');
    const b = drafts.createCourse('B');
    const first = await covers.set(a.id, wide);
    const second = await covers.set(a.id, photo);
    expect(second.sha256).not.toBe(first.sha256);
    expect(coverFiles()).toEqual([`${second.sha256}.jpg`]);
    const shared = await covers.set(b.id, photo);
    expect(shared.sha256).toBe(second.sha256);
    expect(covers.remove(a.id)).toBe(true);
    expect(coverFiles()).toEqual([`${second.sha256}.jpg`]);
    expect(covers.remove(b.id)).toBe(true);
    expect(coverFiles()).toEqual([]);
    expect(covers.remove(b.id)).toBe(false);
    expect(covers.get(a.id)).toBeNull();
  });

  it('refuses a file that is not a JPEG, PNG or WebP, naming what it is, and keeps the cover it had', async () => {
    const course = drafts.createCourse('Typed');
    const kept = await covers.set(course.id, photo);
    fs.writeFileSync(src('notes.jpg'), 'These are my lecture notes, not a picture.\n');
    fs.writeFileSync(src('slides.png'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    fs.writeFileSync(src('anim.webp'), Buffer.from('GIF89a\x10\x00\x10\x00\x80\x00\x00\x00\x00\x00', 'latin1'));
    expect((await refusal(covers.set(course.id, src('notes.jpg')))).message).toBe('“notes.jpg” is a text file, not an image Lectern can use as a cover; choose a JPEG, PNG or WebP file.');
    expect((await refusal(covers.set(course.id, src('slides.png')))).message).toContain('“slides.png” is a PDF document, not an image');
    expect((await refusal(covers.set(course.id, src('anim.webp')))).message).toContain('is a GIF image');
    expect(covers.get(course.id)).toEqual(kept);
    expect(coverFiles()).toEqual([`${kept.sha256}.jpg`]);
  });

  it('refuses a file over 20 MiB with a sentence giving both sizes, before reading it', async () => {
    const course = drafts.createCourse('Huge');
    const huge = src('huge.png');
    fs.copyFileSync(wide, huge);
    fs.truncateSync(huge, MAX_COVER_SOURCE_BYTES + 1024 * 1024);
    const err = await refusal(covers.set(course.id, huge));
    expect(err.code).toBe('invalid-input');
    expect(err.message).toBe('“huge.png” is 21 MiB; a cover image may be at most 20 MiB. Export a smaller JPEG, PNG or WebP.');
    expect(covers.get(course.id)).toBeNull();
  });

  it('refuses tiny, damaged and missing images with what to do', async () => {
    const course = drafts.createCourse('Small');
    expect((await refusal(covers.set(course.id, makeImage(src('icon.png'), 64, 64)))).message).toContain('is only 64×64 pixels; a cover needs at least 200 pixels');
    const cut = fs.readFileSync(photo).subarray(0, 30);
    fs.writeFileSync(src('cut.jpg'), cut);
    expect((await refusal(covers.set(course.id, src('cut.jpg')))).message).toContain('looks like a JPEG image, but its header is damaged');
    const missing = await refusal(covers.set(course.id, src('gone.png')));
    expect([missing.code, missing.message]).toEqual(['not-found', '“gone.png” could not be found; choose the image again.']);
    expect((await refusal(covers.set('00000000-0000-4000-8000-000000000000', photo))).code).toBe('not-found');
  });

  it('lists the cover, else the first lecture with a poster, else nothing', async () => {
    const withCover = drafts.createCourse('Covered');
    const withPoster = drafts.createCourse('Postered');
    const bare = drafts.createCourse('Bare');
    const cover = await covers.set(withCover.id, photo);
    const section = drafts.createSection(withPoster.id, 'One');
    drafts.createLecture(section.id, 'No video yet');
    const second = drafts.createLecture(section.id, 'Built');
    fs.mkdirSync(path.join(dataDir, 'media', second.id), { recursive: true });
    fs.copyFileSync(photo, path.join(dataDir, 'media', second.id, 'poster.jpg'));
    const paths = new Map(covers.withCoverPaths(drafts.listCourses()).map((c) => [c.id, c.coverPath]));
    expect(paths.get(withCover.id)).toBe(cover.path);
    expect(paths.get(withPoster.id)).toBe(`/studio-media/${second.id}/poster.jpg`);
    expect(paths.get(bare.id)).toBeNull();
  });

  it('keeps a deleted course’s cover for the undo; on open sweeps covers of courses gone for good and stray files', async () => {
    const trashed = drafts.createCourse('Trashed');
    const cover = await covers.set(trashed.id, photo);
    drafts.deleteCourse(trashed.id);
    fs.writeFileSync(path.join(dataDir, 'covers', '.tmp-left-by-a-crash.jpg'), 'partial');
    new CoverService(db, { dataDir, ffmpegPath: FFMPEG });
    expect(coverFiles()).toEqual([`${cover.sha256}.jpg`]);
    db.prepare('DELETE FROM trash').run();
    new CoverService(db, { dataDir, ffmpegPath: FFMPEG });
    expect(coverFiles()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM course_covers').get()).toEqual({ n: 0 });
  });
});
