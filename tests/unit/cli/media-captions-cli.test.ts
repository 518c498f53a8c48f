import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LectureMedia } from '../../../main/contract/types';
import { openAppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { tempDir } from '../../helpers/tmp';
import { runCliCaptured } from '../../helpers/cli';

const tmp = tempDir('lectern-cli-captions-');
// Spaces and non-ASCII in the data folder and the file names, as on instructors' machines.
const dataDir = path.join(tmp.dir, 'Daten ü 講義');
const files = path.join(tmp.dir, 'Untertitel – 字幕');
let lectureId: string;

beforeAll(async () => {
  fs.mkdirSync(files);
  // There is no CLI command that creates a lecture; the services write the same data folder.
  const s = openAppServices({ dataDir, version: '0.0.0-test', log: createMemoryLogger(), secrets: createMemorySecretStore() });
  const course = s.drafts.createCourse('Captions course');
  lectureId = s.drafts.createLecture(s.drafts.createSection(course.id, 'Week 1').id, 'Welcome').id;
  await s.close();
});
afterAll(async () => {
  // runCli's log file closes asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 300));
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', dataDir, ...argv]);

const write = (name: string, body: string) => {
  const file = path.join(files, name);
  fs.writeFileSync(file, body);
  return file;
};
const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOlá\n\n00:00:03.000 --> 00:00:04.000\nTchau\n';

describe('lectern media captions', () => {
  it('attaches a .vtt with a language and label, and media status shows it', async () => {
    const attached = await cli('media', 'captions', lectureId, write('aula 1.vtt', VTT), '--language', 'pt-BR', '--label', 'Português');
    expect(attached.stderr).toBe('');
    expect(attached.code).toBe(0);
    expect(attached.stdout).toMatch(/^Attached captions aula 1\.vtt\n/);

    const status = await cli('media', 'status', lectureId);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`captions:   ${path.join(dataDir, 'media', lectureId, 'captions.vtt')} (2 cues, pt-BR, "Português")`);

    const json = await cli('--json', 'media', 'status', lectureId);
    expect((JSON.parse(json.stdout) as LectureMedia).captions).toMatchObject({ originalName: 'aula 1.vtt', cueCount: 2, language: 'pt-BR', label: 'Português' });
  });

  it('changes the language and label without a file, and "" clears one', async () => {
    const changed = await cli('--json', 'media', 'captions', lectureId, '--language', 'pt', '--label', '');
    expect(changed.code).toBe(0);
    expect((JSON.parse(changed.stdout) as LectureMedia).captions).toMatchObject({ originalName: 'aula 1.vtt', language: 'pt', label: null });

    const bad = await cli('media', 'captions', lectureId, '--language', 'Portuguese');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^lectern: .*Language must be a code such as "en", "ko" or "pt-BR"/);
  });

  it('refuses a SubRip file with a message naming it, exits non-zero and keeps the attached captions', async () => {
    const r = await cli('media', 'captions', lectureId, write('aula 1.srt', '1\n00:00:01,000 --> 00:00:02,000\nOlá\n'));
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lectern: "aula 1\.srt" does not start with "WEBVTT"; it is not a WebVTT captions file \(SubRip \.srt files must be converted first\)\./);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user error

    const status = await cli('--json', 'media', 'status', lectureId);
    expect((JSON.parse(status.stdout) as LectureMedia).captions?.originalName).toBe('aula 1.vtt');
  });

  it('removes them with --remove, and refuses a file together with --remove', async () => {
    const both = await cli('media', 'captions', lectureId, write('x.vtt', VTT), '--remove');
    expect(both.code).not.toBe(0);
    expect(both.stderr).toBe('lectern: give either a file or --remove, not both.\n');
    const neither = await cli('media', 'captions', lectureId);
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toMatch(/^lectern: name the \.vtt file to attach/);

    const removed = await cli('media', 'captions', lectureId, '--remove');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`Removed the captions of lecture ${lectureId}.\n`);
    expect((await cli('media', 'status', lectureId)).stdout).toContain('captions:   —');
    expect(fs.existsSync(path.join(dataDir, 'media', lectureId, 'captions.vtt'))).toBe(false);

    const none = await cli('media', 'captions', lectureId, '--label', 'English');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain(`Lecture ${lectureId} has no captions; attach a WebVTT file first.`);
  });
});
