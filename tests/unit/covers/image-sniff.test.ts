import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../../../main/services/covers/image-sniff';
import { makeImage } from '../../helpers/images';
import { makeVideo } from '../../helpers/media';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-sniff-');
afterAll(() => tmp.cleanup());
const file = (name: string) => path.join(tmp.dir, name);

describe('sniffImage', () => {
  it.each([
    ['photo.jpg', 'jpeg', {}],
    ['drawing.png', 'png', {}],
    ['lossy.webp', 'webp', {}],
    ['lossless.webp', 'webp', { lossless: true }],
  ] as const)('reads the type and dimensions of %s from its bytes', (name, type, opts) => {
    const head = fs.readFileSync(makeImage(file(name), 1000, 562, opts));
    expect(sniffImage(head)).toEqual({ kind: 'image', type, width: 1000, height: 562 });
  });

  it('goes by the bytes, not the name: a PNG called .jpg is a PNG', () => {
    const png = makeImage(file('really-a.png'), 640, 360);
    fs.copyFileSync(png, file('renamed.jpg'));
    expect(sniffImage(fs.readFileSync(file('renamed.jpg')))).toMatchObject({ kind: 'image', type: 'png' });
  });

  it('names what other files are', () => {
    expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'))).toEqual({ kind: 'other', name: 'a GIF image' });
    expect(sniffImage(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'))).toEqual({ kind: 'other', name: 'a PDF document' });
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ kind: 'other', name: 'an SVG drawing' });
    expect(sniffImage(Buffer.from('Just some notes about the course.\n'))).toEqual({ kind: 'other', name: 'a text file' });
    expect(sniffImage(Buffer.alloc(0))).toEqual({ kind: 'other', name: 'an empty file' });
    expect(sniffImage(fs.readFileSync(makeVideo(file('clip.mp4'), { durationSec: 1, audio: false })).subarray(0, 4096))).toEqual({ kind: 'other', name: 'a video' });
  });

  it('calls a supported type with a cut-off header damaged', () => {
    const jpeg = fs.readFileSync(makeImage(file('cut.jpg'), 640, 360));
    expect(sniffImage(jpeg.subarray(0, 20))).toEqual({ kind: 'damaged', type: 'jpeg' });
    const png = fs.readFileSync(makeImage(file('cut.png'), 640, 360));
    expect(sniffImage(png.subarray(0, 16))).toEqual({ kind: 'damaged', type: 'png' });
  });
});
