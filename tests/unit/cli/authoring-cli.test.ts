import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli';
import { makeImage } from '../../helpers/images';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-authoring-cli-');
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

interface Outline {
  id: string;
  title: string;
  description: string;
  sections: { id: string; title: string; lectures: { id: string; title: string; status: string; freePreview: boolean; summary: string }[] }[];
}

function cliIn(dataDir: string) {
  return async <T>(...argv: string[]): Promise<T> => {
    const r = await runCliCaptured(['--data-dir', dataDir, '--json', ...argv]);
    if (r.code !== 0) throw new Error(`lectern ${argv.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
}

describe('lectern sections / lectures / courses authoring', () => {
  const dataDir = path.join(tmp.dir, 'author');
  const json = cliIn(dataDir);
  const show = (id: string) => json<Outline>('courses', 'show', id);

  it('builds, reorders, edits, removes and restores a course outline with --json', async () => {
    const course = await json<Outline>('courses', 'create', 'Algebra');
    const s1 = await json<{ id: string }>('sections', 'add', course.id, 'Basics');
    const s2 = await json<{ id: string }>('sections', 'add', course.id, '기초 2');
    const l1 = await json<{ id: string }>('lectures', 'add', s1.id, 'Numbers');
    const l2 = await json<{ id: string }>('lectures', 'add', s1.id, 'Sets');
    await json('lectures', 'add', s2.id, 'Groups');

    await json('sections', 'rename', s2.id, 'Structures');
    await json('lectures', 'rename', l1.id, 'Natural numbers');
    await json('sections', 'move', s2.id, '1');
    await json('lectures', 'move', l2.id, '1'); // within its own section, found without --to-section
    let outline = await show(course.id);
    expect(outline.sections.map((s) => s.title)).toEqual(['Structures', 'Basics']);
    expect(outline.sections[1]!.lectures.map((l) => l.title)).toEqual(['Sets', 'Natural numbers']);

    await json('lectures', 'move', l1.id, '99', '--to-section', s2.id); // past the end: last
    outline = await show(course.id);
    expect(outline.sections[0]!.lectures.map((l) => l.title)).toEqual(['Groups', 'Natural numbers']);

    const summary = path.join(tmp.dir, 'summary.txt');
    fs.writeFileSync(summary, '자연수 — the counting numbers.\n');
    const set = await json<{ freePreview: boolean; status: string; summary: string }>(
      'lectures', 'set', l1.id, '--free-preview', 'yes', '--status', 'ready', '--summary-file', summary,
    );
    expect(set).toMatchObject({ freePreview: true, status: 'ready', summary: '자연수 — the counting numbers.\n' });

    fs.writeFileSync(summary, '<p>All about algebra</p>');
    await json('courses', 'describe', course.id, summary, '--subtitle', 'From zero');
    await json('courses', 'rename', course.id, 'Algebra I');
    expect(await show(course.id)).toMatchObject({ title: 'Algebra I', subtitle: 'From zero', description: expect.stringContaining('All about algebra') });

    const receipt = await json<{ undoToken: string; kind: string; title: string }>('sections', 'remove', s2.id);
    expect(receipt).toMatchObject({ kind: 'section', title: 'Structures' });
    expect((await show(course.id)).sections.map((s) => s.title)).toEqual(['Basics']);
    await json('trash', 'restore', receipt.undoToken);
    outline = await show(course.id);
    expect(outline.sections.map((s) => s.title)).toEqual(['Structures', 'Basics']);
    expect(outline.sections[0]!.lectures).toHaveLength(2);

    const lectureReceipt = await json<{ undoToken: string }>('lectures', 'remove', l2.id);
    await json('trash', 'restore', lectureReceipt.undoToken);
    const courseReceipt = await json<{ undoToken: string }>('courses', 'remove', course.id);
    expect(await json<unknown[]>('courses', 'list')).toEqual([]);
    await json('trash', 'restore', courseReceipt.undoToken);
    expect((await show(course.id)).sections.flatMap((s) => s.lectures)).toHaveLength(3);
  });

  it('prints a human line with the undo command without --json', async () => {
    const course = await json<Outline>('courses', 'create', 'Human');
    const section = await json<{ id: string }>('sections', 'add', course.id, 'Only');
    const r = await runCliCaptured(['--data-dir', dataDir, 'sections', 'remove', section.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Moved section «Only» to the trash\. Undo with: lectern trash restore \S+\n$/);
  });

  it.each([
    ['a blank section title', (c: string) => ['sections', 'add', c, '  '], /Title cannot be empty/],
    ['position zero', () => ['sections', 'move', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', '0'], /use 1 for the first place/],
    ['a non-numeric position', () => ['sections', 'move', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', 'top'], /"top" is not a whole number/],
    ['an unknown status', () => ['lectures', 'set', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', '--status', 'done'], /status/i],
    ['a bad free-preview value', () => ['lectures', 'set', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', '--free-preview', 'maybe'], /yes or no/],
    ['nothing to set', () => ['lectures', 'set', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f'], /Nothing to change/],
    ['a missing summary file', () => ['lectures', 'set', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', '--summary-file', '/nonexistent/x.txt'], /Could not read the summary from "\/nonexistent\/x.txt" \(ENOENT\)/],
    ['a lecture that does not exist', () => ['lectures', 'move', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', '1'], /No lecture has the id 3f1c6d2e/],
    ['a used undo token', () => ['trash', 'restore', 'no-such-token'], /Nothing to undo/],
  ])('refuses %s with a clear message and changes nothing', async (_name, args, message) => {
    const course = await json<Outline>('courses', 'create', 'Untouched');
    const before = await show(course.id);
    const r = await runCliCaptured(['--data-dir', dataDir, ...args(course.id)]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lectern: /);
    expect(r.stderr).toMatch(message);
    expect(await show(course.id)).toEqual(before);
  });
});

describe('lectern courses set --encoding', () => {
  const dataDir = path.join(tmp.dir, 'encoding');
  const json = cliIn(dataDir);

  it('stores the setting, shows it, and refuses an unknown one with the choices', async () => {
    const course = await json<{ id: string; encoding: string }>('courses', 'create', 'Video course');
    expect((await json<{ encoding: string }>('courses', 'show', course.id)).encoding).toBe('balanced');
    expect((await json<{ encoding: string }>('courses', 'set', course.id, '--encoding', 'smaller')).encoding).toBe('smaller');
    expect((await json<{ encoding: string }>('courses', 'show', course.id)).encoding).toBe('smaller');
    const bad = await runCliCaptured(['--data-dir', dataDir, 'courses', 'set', course.id, '--encoding', 'tiny']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/smaller, balanced, higher/);
    expect((await json<{ encoding: string }>('courses', 'show', course.id)).encoding).toBe('smaller');
  });
});

describe('lectern courses set --cover / --no-cover', () => {
  const dataDir = path.join(tmp.dir, 'cover');
  const json = cliIn(dataDir);

  it('sets, shows and removes a cover, and refuses a file that is not an image with its reason', async () => {
    const course = await json<{ id: string }>('courses', 'create', 'Optics');
    const image = makeImage(path.join(tmp.dir, 'prism.webp'), 1200, 900);
    const cover = await json<{ width: number; height: number; sourceName: string; sha256: string }>('courses', 'set', course.id, '--cover', image);
    expect(cover).toMatchObject({ width: 1280, height: 720, sourceName: 'prism.webp' });
    expect((await json<{ cover: { sha256: string } | null }>('courses', 'show', course.id)).cover?.sha256).toBe(cover.sha256);
    const shown = await runCliCaptured(['--data-dir', dataDir, 'courses', 'show', course.id]);
    expect(shown.stdout).toContain('cover: 1280×720 JPEG made from prism.webp');

    const text = path.join(tmp.dir, 'readme.webp');
    fs.writeFileSync(text, 'not a picture\n');
    const refused = await runCliCaptured(['--data-dir', dataDir, 'courses', 'set', course.id, '--cover', text]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('“readme.webp” is a text file, not an image Lectern can use as a cover; choose a JPEG, PNG or WebP file.');

    expect(await json('courses', 'set', course.id, '--no-cover')).toEqual({ removed: true });
    expect((await json<{ cover: unknown }>('courses', 'show', course.id)).cover).toBeNull();
    expect(fs.readdirSync(path.join(dataDir, 'covers'))).toEqual([]);
    const nothing = await runCliCaptured(['--data-dir', dataDir, 'courses', 'set', course.id]);
    expect(nothing.stderr).toContain('Nothing to change: give --encoding <setting>, --cover <image> or --no-cover.');
  });
});
