import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/services/db/database';
import { tempDir } from '../../helpers/tmp';
import { runCliCaptured } from '../../helpers/cli';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('lectern-cli-');
afterAll(async () => {
  // runCli closes its log file, but a write stream opens and closes its file asynchronously: give that a
  // moment before deleting the folders under it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(argv);

interface CourseJson {
  id: string;
  title: string;
  sections: unknown[];
}

describe('lectern courses (in-process runCli)', () => {
  // A data folder with spaces and non-ASCII characters, as on many users' machines.
  const dataDir = path.join(tmp.dir, 'Données de cours ü 講義 dir');

  it('creates, lists and shows a course as JSON in the given --data-dir', async () => {
    const created = await cli('--data-dir', dataDir, '--json', 'courses', 'create', 'Intro to Rust — 入門');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const course = JSON.parse(created.stdout) as CourseJson;
    expect(course).toMatchObject({ title: 'Intro to Rust — 入門', sections: [] });
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);

    const listed = await cli('--data-dir', dataDir, '--json', 'courses', 'list');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: course.id, title: course.title, sectionCount: 0, lectureCount: 0 })]);

    const shown = await cli('--data-dir', dataDir, 'courses', 'show', course.id, '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: course.id, title: course.title });
  });

  it('prints human-readable text without --json', async () => {
    const dir = path.join(tmp.dir, 'human');
    expect((await cli('--data-dir', dir, 'courses', 'list')).stdout).toMatch(/No courses yet/);
    const created = await cli('--data-dir', dir, 'courses', 'create', 'Algebra');
    expect(created.stdout).toMatch(/^Created [0-9a-f-]{36} {2}Algebra\n$/);
    const id = created.stdout.split(/\s+/)[1]!;
    expect((await cli('--data-dir', dir, 'courses', 'list')).stdout).toContain(`${id}  Algebra  (0 sections, 0 lectures)`);
    expect((await cli('--data-dir', dir, 'courses', 'show', id)).stdout).toMatch(/^Algebra\nid: .*\n\(no sections yet\)\n$/);
  });

  it.each([
    ['an id that is not a uuid', ['courses', 'show', 'abc'], /must be an id issued by Lectern/],
    ['a course that does not exist', ['courses', 'show', '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f'], /3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f/],
    ['a blank title', ['courses', 'create', '   '], /Title cannot be empty/],
  ])('exits non-zero with a clear message on stderr for %s', async (_name, args, message) => {
    const r = await cli('--data-dir', path.join(tmp.dir, 'errors'), ...args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lectern: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user error
  });

  it.each([
    ['an unknown command', ['courses', 'explode'], /unknown command/i],
    ['a missing argument', ['courses', 'create'], /missing required argument/i],
    ['an unknown option', ['--frobnicate'], /unknown option/i],
  ])('exits non-zero with commander’s message for %s', async (_name, args, message) => {
    const r = await cli('--data-dir', path.join(tmp.dir, 'usage'), ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('explains a data folder it cannot use instead of crashing', async () => {
    const file = path.join(tmp.dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const r = await cli('--data-dir', file, 'courses', 'list');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^lectern: .*not-a-dir/);
  });
});

describe('lectern as a process (tsx main/cli/lectern.ts)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/lectern.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      // English unless a test sets a locale, whatever this machine's is.
      env: { ...process.env, LANG: 'C.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '', ...env },
      timeout: 60_000,
    });

  it('honours LECTERN_DATA_DIR, prints JSON and exits 0', () => {
    const dataDir = path.join(tmp.dir, 'proc ü dir');
    const created = run(['--json', 'courses', 'create', 'From a shell'], { LECTERN_DATA_DIR: dataDir });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ title: 'From a shell' });
    const listed = run(['--data-dir', dataDir, '--json', 'courses', 'list']);
    expect((JSON.parse(listed.stdout) as CourseJson[]).map((c) => c.title)).toEqual(['From a shell']);
  });

  it('exits 1 with the message on stderr when a request fails', () => {
    const r = run(['--data-dir', path.join(tmp.dir, 'proc-err'), 'courses', 'show', 'nope']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lectern: .*must be an id issued by Lectern/);
  });

  it('says errors in Korean under LANG=ko_KR.UTF-8, and in English under LANG=C or a language it lacks', () => {
    const dataDir = path.join(tmp.dir, 'proc-lang');
    const ko = run(['--data-dir', dataDir, 'courses', 'create', ' '], { LANG: 'ko_KR.UTF-8' });
    expect(ko.status).toBe(1);
    expect(ko.stderr).toBe('lectern: title: 제목은 비워 둘 수 없습니다\n');
    // No message id for this one: the code's sentence in Korean, the English detail under it.
    const koMissing = run(['--data-dir', dataDir, 'courses', 'show', 'nope'], { LANG: 'ko_KR.UTF-8' });
    expect(koMissing.stderr).toMatch(/^lectern: 입력한 내용을 사용할 수 없습니다.*\n {2}courseId: must be an id issued by Lectern\n$/);
    for (const LANG of ['C.UTF-8', 'fr_FR.UTF-8']) {
      expect(run(['--data-dir', dataDir, 'courses', 'create', ' '], { LANG }).stderr, LANG).toBe('lectern: title: Title cannot be empty\n');
    }
    // LANGUAGE (a preference list) wins over LANG, as in gettext.
    expect(run(['--data-dir', dataDir, 'courses', 'create', ' '], { LANG: 'C.UTF-8', LANGUAGE: 'ko_KR:en' }).stderr).toBe('lectern: title: 제목은 비워 둘 수 없습니다\n');
  });
});
