import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../renderer/src/shell/window-title';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(root, p));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('window title', () => {
  it('names the open course in the studio and the area elsewhere', () => {
    expect(windowTitle('studio', '신호 처리 입문')).toBe('신호 처리 입문 — Lectern');
    expect(windowTitle('studio', null)).toBe('Studio — Lectern');
    expect(windowTitle('studio', '   ')).toBe('Studio — Lectern');
    expect(windowTitle('publishing', 'Signals')).toBe('Publishing — Lectern');
    expect(windowTitle('library', null)).toBe('Library — Lectern');
  });

  it('keeps one line and the app name in view for long titles', () => {
    const t = windowTitle('studio', `A\nB ${'x'.repeat(200)}`);
    expect(t).toMatch(/^A B x+… — Lectern$/);
    expect(t.length).toBeLessThan(100);
  });
});

describe('app icon', () => {
  it('is one drawing: the favicon is the app icon SVG', () => {
    expect(read('renderer/public/favicon.svg').equals(read('resources/icon.svg'))).toBe(true);
  });

  it('has every PNG size electron-builder points at, rendered from it', () => {
    expect(pngSize(read('resources/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const n of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(read(`resources/icons/${n}x${n}.png`))).toEqual({ width: n, height: n });
    const config = read('electron-builder.yml').toString();
    expect(config).toMatch(/linux:[\s\S]*?icon: icons\n/);
    expect(config).toMatch(/mac:[\s\S]*?icon: icon.png\n/);
  });

  it('the Electron window leaves its title to the page', () => {
    expect(read('main/electron/window.ts').toString()).not.toContain('page-title-updated');
  });
});
