import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import type { AppServices } from '../../../main/services/app-services';
import { tempDir } from '../../helpers/tmp';
import { openWithLecture } from './services';

describe('lecture captions', () => {
  const tmp = tempDir('lectern-captions-');
  const files = path.join(tmp.dir, 'files');
  let s: AppServices;
  let lectureId: string;

  beforeAll(() => {
    fs.mkdirSync(files);
    ({ s, lectureId } = openWithLecture(path.join(tmp.dir, 'data'), { media: { runJobs: false } }));
  });
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  const write = (name: string, body: string | Buffer) => {
    const file = path.join(files, name);
    fs.writeFileSync(file, body);
    return file;
  };
  const stored = () => path.join(s.dataDir, 'media', lectureId, 'captions.vtt');

  it('attaches a copy, replaces it, and removes it', async () => {
    const m = await s.media.attachCaptions(lectureId, write('en.vtt', '\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nHi\n'), { language: 'en', label: 'English' });
    expect(m.captions).toMatchObject({ file: stored(), originalName: 'en.vtt', cueCount: 1, language: 'en', label: 'English' });
    expect(fs.readFileSync(stored(), 'utf8')).toBe('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n');

    const replaced = await s.media.attachCaptions(lectureId, write('fr.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nSalut\n\n00:03.000 --> 00:04.000\nÇa va\n'));
    expect(replaced.captions).toMatchObject({ originalName: 'fr.vtt', cueCount: 2, language: null, label: null });
    // No temporary files are left beside the copy.
    expect(fs.readdirSync(path.dirname(stored()))).toEqual(['captions.vtt']);

    expect((await s.media.removeCaptions(lectureId)).captions).toBeNull();
    expect(fs.existsSync(stored())).toBe(false);
  });

  it('changes the language and label without touching the file; null clears, a missing field is kept', async () => {
    await s.media.attachCaptions(lectureId, write('talk.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n'), { language: 'en' });
    const before = fs.readFileSync(stored(), 'utf8');
    expect(s.media.setCaptionsInfo(lectureId, { label: '  English (CC) ' }).captions).toMatchObject({ language: 'en', label: 'English (CC)' });
    expect(s.media.setCaptionsInfo(lectureId, { language: 'pt-BR' }).captions).toMatchObject({ language: 'pt-BR', label: 'English (CC)' });
    expect(s.media.setCaptionsInfo(lectureId, { language: null, label: '  ' }).captions).toMatchObject({ language: null, label: null, originalName: 'talk.vtt' });
    expect(fs.readFileSync(stored(), 'utf8')).toBe(before);

    await s.media.removeCaptions(lectureId);
    const none = (() => {
      try {
        s.media.setCaptionsInfo(lectureId, { language: 'en' });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(none).toBeInstanceOf(LecternError);
    expect((none as LecternError).code).toBe('not-found');
    expect((none as LecternError).message).toMatch(new RegExp(`Lecture ${lectureId} has no captions`));
  });

  it('refuses a bad file with a message naming it, and keeps the captions already attached', async () => {
    await s.media.attachCaptions(lectureId, write('ok.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n'));
    const cases: [string, string | Buffer, RegExp][] = [
      ['subs.srt', '1\n00:00:01,000 --> 00:00:02,000\nHi\n', /"subs\.srt" does not start with "WEBVTT"/],
      ['empty-cues.vtt', 'WEBVTT\n\n', /"empty-cues\.vtt" has no cues/],
      ['latin1.vtt', Buffer.from('WEBVTT\n\n00:01.000 --> 00:02.000\nCaf\xe9\n', 'latin1'), /"latin1\.vtt" is not UTF-8/],
      ['huge.vtt', `WEBVTT\n\n00:01.000 --> 00:02.000\n${'x'.repeat(3 * 1024 * 1024)}\n`, /"huge\.vtt" is 3,145,\d+ bytes/],
    ];
    for (const [name, body, message] of cases) {
      const err = await s.media.attachCaptions(lectureId, write(name, body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LecternError);
      expect((err as LecternError).code).toBe('invalid-input');
      expect((err as LecternError).message).toMatch(message);
    }
    const missing = await s.media.attachCaptions(lectureId, path.join(files, 'nope.vtt')).catch((e: unknown) => e);
    expect((missing as LecternError).code).toBe('not-found');
    expect(s.media.get(lectureId).captions?.originalName).toBe('ok.vtt');
  });
});
