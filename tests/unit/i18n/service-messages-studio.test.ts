import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import { SERVICE_CATALOGS, type ServiceText, type TextKey } from '../../../main/contract/service-text';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlers';
import { headlessShell } from '../../../main/ipc/host-shell';
import { CaptionsError, checkCaptions } from '../../../main/services/captions/captions-vtt';
import { checkCoverSource } from '../../../main/services/covers/cover-image';
import { openDatabase, type Database } from '../../../main/services/db/database';
import { DiagnosticsService } from '../../../main/services/diagnostics/diagnostics-service';
import { DraftsService } from '../../../main/services/drafts/drafts-service';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { statSource } from '../../../main/services/media/import-source';
import { validateProbe } from '../../../main/services/media/validate-source';
import { checkCourse } from '../../../main/services/publishing/course-to-publish';
import { roomValues } from '../../../main/services/recordings/disk-guard';
import { formatText } from '../../../main/services/text/format-text';
import { MediaStore } from '../../../main/services/media/media-store';
import { storedError } from '../../../renderer/src/errors/error-text';
import { userError } from '../../../main/services/text/user-error';
import { describeRunFailure } from '../../../main/services/publishing/run-failure';
import { mediaKindWord, mediaStatusWord, runStateWord } from '../../../main/cli/status-words';
import { tempDir } from '../../helpers/tmp';

const HANGUL = /[\uac00-\ud7a3]/;
const PREFIXES = ['svc.media.', 'svc.recordings.', 'svc.drafts.', 'svc.covers.', 'svc.publishing.', 'svc.captions.', 'svc.diagnostics.', 'svc.ipc.', 'dialog.'];

/** What a thrown service error carries: its id, its English message, and the Korean the UI would show. */
async function caught(run: () => unknown): Promise<{ error: LecternError; ko: string }> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(LecternError);
    const error = err as LecternError;
    expect(error.text, error.message).toBeDefined();
    expect(formatText(error.text!, 'en')).toBe(error.message);
    return { error, ko: formatText(error.text!, 'ko') };
  }
  throw new Error('expected an error');
}

describe('studio service messages (media, recordings, drafts, covers, publishing, captions, diagnostics, ipc, dialogs)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('has every one of these keys in Korean, in Hangul, and formats each with sample values in both languages', () => {
    const keys = (Object.keys(SERVICE_CATALOGS.en!) as TextKey[]).filter((k) => PREFIXES.some((p) => k.startsWith(p)));
    expect(keys.length).toBeGreaterThan(80);
    const sample: Record<string, string> = { state: 'paused', verb: 'trimmed', kind: 'video', what: 'unpublish', named: 'yes' };
    const argsOf = (message: string) => new Set([...message.matchAll(/\{(\w+)/g)].map((m) => m[1]!));
    for (const key of keys) {
      const names = new Set([...argsOf(SERVICE_CATALOGS.en![key]!), ...argsOf(SERVICE_CATALOGS.ko![key]!)]);
      const text: ServiceText = { key, values: Object.fromEntries([...names].map((n) => [n, sample[n] ?? 'X'])) };
      expect(SERVICE_CATALOGS.ko![key], key).toMatch(HANGUL);
      expect(() => formatText(text, 'en'), key).not.toThrow();
      expect(() => formatText(text, 'ko'), key).not.toThrow();
    }
  });

  it('drafts: a missing course says the same English as before and Korean with the id', async () => {
    const drafts = new DraftsService(db, () => {});
    const { error, ko } = await caught(() => drafts.getCourse('nope'));
    expect(error.message).toBe('No course with id nope');
    expect(error.text?.key).toBe('svc.drafts.noCourse');
    expect(ko).toBe('ID가 nope인 강좌가 없습니다');
  });

  it('media: a still image and an empty file are refused by id, in both languages', async () => {
    const probe = { container: 'png_pipe', durationSec: null, video: null, audio: null } as unknown as Parameters<typeof validateProbe>[1];
    const still = await caught(() => validateProbe('/x/slide.png', probe, { maxDurationSec: 3600 }));
    expect(still.error.message).toBe('"slide.png" is a still image, not a video. Choose a video file (for example MP4 or MOV).');
    expect(still.ko).toBe('"slide.png"은(는) 영상이 아니라 정지 이미지입니다. 영상 파일(예: MP4, MOV)을 선택하세요.');
    const file = path.join(tmp.dir, 'empty.mp4');
    fs.writeFileSync(file, '');
    const empty = await caught(() => statSource(file));
    expect(empty.error.message).toBe('"empty.mp4" is empty (0 bytes). Was the recording or copy interrupted?');
    expect(empty.ko).toContain('비어 있습니다');
    const folder = await caught(() => statSource(tmp.dir));
    expect(folder.error.message).toBe(`"${path.basename(tmp.dir)}" is not a file (${tmp.dir}). Choose a video file.`);
    expect(folder.ko).toContain('영상 파일을(를) 선택하세요');
  });

  it('captions: a refusal carries its id and names the file in Korean', () => {
    let err: unknown;
    try {
      checkCaptions(Buffer.from('hello'), '"talk.vtt"');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaptionsError);
    const text = (err as CaptionsError).text;
    expect((err as CaptionsError).message).toBe('"talk.vtt" does not start with "WEBVTT"; it is not a WebVTT captions file (SubRip .srt files must be converted first).');
    expect(formatText(text, 'ko')).toMatch(/^"talk.vtt"이\(가\) "WEBVTT"로 시작하지 않아/);
  });

  it('covers: a folder picked as a cover', async () => {
    const { error, ko } = await caught(() => checkCoverSource(tmp.dir));
    expect(error.message).toBe(`“${path.basename(tmp.dir)}” is a folder, not an image; choose a JPEG, PNG or WebP file.`);
    expect(ko).toContain('이미지가 아니라 폴더입니다');
  });

  it('recordings: the room left reads as before, and a take state is said in Korean', () => {
    const text: ServiceText = { key: 'svc.recordings.notRecording', values: { name: 'Take 1', state: 'unfinished' } };
    expect(formatText(text)).toBe('Take "Take 1" is unfinished, not being recorded. Recover or discard it.');
    expect(formatText({ ...text, values: { name: 'Take 1', state: 'ready' } })).toBe('Take "Take 1" is ready, not being recorded.');
    expect(formatText(text, 'ko')).toBe('테이크 "Take 1"은(는) 녹화 중이 아니라 미완료 상태입니다. 복구하거나 버리세요.');
    const room = roomValues({ freeBytes: 123_456_789, minutesLeft: 4 });
    expect(formatText({ key: 'svc.recordings.stillFull', values: { ...room, folder: '/d' } })).toBe(
      'The disk is still almost full (123 MB free, about 4.0 minutes of recording). Free some space in /d, then resume.',
    );
  });

  it('publishing: run states and the pre-publish problems are said in Korean', () => {
    expect(formatText({ key: 'svc.publishing.cannotResume', values: { state: 'running' } })).toBe('This publish is running; only a paused publish can be resumed.');
    expect(formatText({ key: 'svc.publishing.cannotResume', values: { state: 'running' } }, 'ko')).toBe('이 게시는 진행 중 상태입니다. 일시 정지된 게시만 재개할 수 있습니다.');
    const course = { title: '', subtitle: '', description: '', sections: [{ title: 'Basics', lectures: [{ id: 'l1', title: '', summary: '' }] }] };
    const problems = checkCourse(course as unknown as Parameters<typeof checkCourse>[0], () => ({ ladder: null, source: null, jobs: [] }) as unknown as ReturnType<Parameters<typeof checkCourse>[1]>);
    expect(problems.map((p) => p.message)).toEqual([
      'The course has no title. Give it one in the Studio.',
      'Lecture 1 of section “Basics” has no title.',
      'Lecture 1 of section “Basics” has no video; import one and build it in the Studio.',
    ]);
    for (const p of problems) {
      expect(formatText(p.text!)).toBe(p.message);
      expect(formatText(p.text!, 'ko')).toMatch(HANGUL);
    }
    expect(formatText(problems[1]!.text!, 'ko')).toBe('섹션 “Basics”의 1번째 강의에 제목이 없습니다.');
  });

  it('diagnostics: a folder that does not exist', async () => {
    const service = new DiagnosticsService({} as ConstructorParameters<typeof DiagnosticsService>[0]);
    const { error, ko } = await caught(() => service.export(path.join(tmp.dir, 'gone')));
    expect(error.message).toBe(`The folder ${path.join(tmp.dir, 'gone')} does not exist. Choose an existing folder for the diagnostics.`);
    expect(ko).toContain('폴더가 없습니다');
    const part: ServiceText = { key: 'svc.diagnostics.couldNotRead', values: { part: 'log', what: 'the log', cause: 'EACCES' } };
    expect(formatText(part)).toBe('Could not read the log: EACCES');
    expect(formatText(part, 'ko')).toBe('로그을(를) 읽을 수 없습니다.');
  });

  it('ipc: the headless shell and a crashed handler answer with ids', async () => {
    const { error, ko } = await caught(() => headlessShell.pickVideoFile());
    expect(error.message).toBe('There is no file dialog here; pass the file path instead');
    expect((await caught(() => headlessShell.pickFolder({ key: 'dialog.diagnosticsFolder' }))).error.message).toBe('There is no folder dialog here; pass the folder instead (lectern diagnostics --out <folder>)');
    expect(ko).toContain('파일 대화 상자가 없습니다');
    const handlers = { 'app.language.get': () => Promise.reject(new Error('boom')) } as unknown as Handlers;
    const reply = await createDispatcher(handlers, createMemoryLogger())('app.language.get', {});
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toBe('Lectern could not complete "app.language.get": boom');
    expect(reply.error.text?.key).toBe('svc.ipc.couldNotComplete');
    expect(formatText(reply.error.text!, 'ko')).toBe('Lectern이 "app.language.get" 요청을 완료하지 못했습니다.');
  });

  it('publishing: a stopped run keeps its cause for Details, and the CLI status words stay English by default', () => {
    const failure = describeRunFailure(new Error('disk on fire'), null);
    expect(failure.message).toBe('Publishing stopped: disk on fire');
    expect(failure.text?.key).toBe('svc.publishing.stopped');
    expect(formatText(failure.text!, 'ko')).toBe('게시가 중단되었습니다.');
    expect(describeRunFailure(userError('conflict', 'svc.publishing.noRun', { runId: 'r1' }), null).text?.key).toBe('svc.publishing.noRun');
    expect([runStateWord('paused', 'en'), mediaStatusWord('running', 'en'), mediaKindWord('ladder', 'en')]).toEqual(['paused', 'running', 'ladder']);
    expect([runStateWord('paused', 'ko'), mediaStatusWord('running', 'ko'), mediaKindWord('preview', 'ko')]).toEqual(['일시 정지됨', '진행 중', '미리보기']);
  });

  it('media: a failed job keeps its message id in the database (migration 0016), and the UI says it unless a failure is classified', () => {
    const drafts = new DraftsService(db, () => {});
    const lectureId = drafts.createLecture(drafts.createSection(drafts.createCourse('C').id, 'S').id, 'L').id;
    const store = new MediaStore(db);
    const job = store.addJob(lectureId, 'ladder', 1);
    const text: ServiceText = { key: 'svc.media.jobFailed', values: { kind: 'ladder', lectureId, cause: 'ffmpeg exited with code 1' } };
    store.finish(job.id, 'failed', formatText(text), 2, text);
    const stored = store.job(job.id)!;
    expect(stored.error).toBe(`ladder for lecture ${lectureId} failed: ffmpeg exited with code 1`);
    expect(stored.errorText).toEqual(text);
    expect(formatText(stored.errorText!, 'ko')).toBe(`강의 ${lectureId}의 HLS 래더 작업이 실패했습니다.`);
    const shown = storedError(stored.error!, stored.errorText);
    expect(shown).toBeInstanceOf(LecternError);
    expect(storedError('ladder failed: No space left on device', text)).toBe('ladder failed: No space left on device');
    db.prepare('UPDATE media_jobs SET error_text = ? WHERE id = ?').run('{"key":"svc.gone"}', job.id);
    expect(store.job(job.id)!.errorText).toBeNull();
  });

  it('dialogs: titles and filter names in both languages', () => {
    expect(formatText({ key: 'dialog.pickVideo' })).toBe('Choose a lecture video');
    expect(formatText({ key: 'dialog.pickVideo' }, 'ko')).toBe('강의 영상 선택');
  });
});
