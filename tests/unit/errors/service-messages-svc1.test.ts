import { describe, expect, it } from 'vitest';
import { LecternError } from '../../../main/contract/errors';
import type { ServiceText } from '../../../main/contract/service-text';
import { addFailure, checkFailure, refuseExpired } from '../../../main/services/catalog/hub-access-failures';
import { HubStatusError } from '../../../main/services/downloads/hub-fetch';
import { StallError, retryNoticeText } from '../../../main/services/downloads/stall-guard';
import { parseInput, HubInput } from '../../../main/services/hub/hub-input';
import { toHubError } from '../../../main/services/hub/hub-error';
import { explainS3Failure } from '../../../main/services/s3/s3-errors';
import { LeaseBusyError, LeaseLostError } from '../../../main/services/leases/lease';
import { downloadSummary, nothingToDownload } from '../../../main/services/library/refusals';
import { parseFeed, checkPercent } from '../../../main/services/releases/feed-file';
import { parseStoredCatalog } from '../../../main/services/uploads/catalog-pages';
import { describeAttempt, uploadRetryNotice, uploadRetryText } from '../../../main/services/s3/request-guard';
import { formatText } from '../../../main/services/text/format-text';
import { failureOrText } from '../../../main/services/text/failure-or-text';
import { userError } from '../../../main/services/text/user-error';
import en from '../../../main/contract/messages/en.json';
import { cliErrorText } from '../../../main/cli/cli-language';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../main/services/db/database';
import { DownloadStore } from '../../../main/services/downloads/download-store';
import { describeUpdateFailure } from '../../../main/services/updates/update-errors';

const HANGUL = /[\uac00-\ud7a3]/;

function thrown(fn: () => unknown): LecternError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LecternError) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

/** The error says `english` word for word, carries `key`, and its text formats in Korean. */
function expectMessage(err: LecternError, key: string, english: string): ServiceText {
  expect(err.message).toBe(english);
  expect(err.text?.key).toBe(key);
  const text = err.text!;
  expect(formatText(text, 'en')).toBe(english);
  const ko = formatText(text, 'ko');
  expect(ko).toMatch(HANGUL);
  expect(ko).not.toBe(english);
  return text;
}

describe('service messages of downloads, catalog, library, uploads, releases, hub and leases', () => {
  it('every svc.* message of these areas parses and formats in both languages', () => {
    const areas = /^svc\.(downloads|catalog|library|uploads|releases|hub|leases|credentials|updates|playback)\./;
    const keys = Object.keys(en).filter((k) => areas.test(k)) as ServiceText['key'][];
    expect(keys.length).toBeGreaterThan(50);
    const values = new Proxy({}, { get: (_t, name) => (typeof name === 'string' ? `‹${name}›` : undefined), has: () => true });
    for (const key of keys) {
      for (const lang of ['en', 'ko']) expect(() => formatText({ key, values: values as Record<string, string> }, lang), `${lang} ${key}`).not.toThrow();
      expect(formatText({ key, values: values as Record<string, string> }, 'ko'), key).toMatch(HANGUL);
    }
  });

  it('catalog: the credentials and add-hub refusals keep their English and say it in Korean', () => {
    const hub = { id: 'h1', name: 'Campus', baseUrl: 'https://hub.example/', auth: { accessKeyId: 'AKIA1' } } as Parameters<typeof checkFailure>[0];
    const privateHub = new HubStatusError('The hub answered 403 Forbidden.', 403);
    const text = expectMessage(
      checkFailure(hub, privateHub, false),
      'svc.catalog.credentialsNotChangedPrivate',
      'Did not change the credentials of "Campus" (the hub keeps key AKIA1): The hub answered 403 Forbidden. The hub is private: it cannot be read without credentials.',
    );
    expect(formatText(text, 'ko')).toBe('"Campus"의 자격 증명을 바꾸지 않았습니다(허브는 키 AKIA1을(를) 계속 사용합니다): 비공개 허브라서 자격 증명 없이는 읽을 수 없습니다.');
    expectMessage(
      addFailure(new URL('https://hub.example/'), privateHub, false),
      'svc.catalog.addFailedPrivate',
      'Could not add https://hub.example/: The hub answered 403 Forbidden. The hub may be private: add it with the read-only credentials (access key id and secret) your instructor gave you.',
    );
    const expired = thrown(() => refuseExpired({ accessKeyId: 'A', secretAccessKey: 'S', region: 'us-east-1', sessionToken: 'T', sessionExpiresAt: Date.now() }));
    expectMessage(expired, 'svc.catalog.sessionExpired', 'The session token has expired (or expires within a minute); get fresh credentials.');
    expect(expired.issues?.[0]?.text?.key).toBe('svc.catalog.sessionExpired');
  });

  it('a classified failure keeps its failure (the more useful sentence) and the same English, without text', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const err = failureOrText('unavailable', 'svc.catalog.openFailed', { title: 'Intro', cause: refused.message }, refused);
    expect(err.message).toBe('Could not open "Intro": connect ECONNREFUSED 127.0.0.1:9');
    expect(err.failure).toBe('connection-refused');
    expect(err.text).toBeUndefined();
    const plain = failureOrText('unavailable', 'svc.catalog.openFailed', { title: 'Intro', cause: 'odd' }, new Error('odd'));
    expect(plain.text?.key).toBe('svc.catalog.openFailed');
  });

  it('library: refusals and the download summary', () => {
    const refusedOne = [{ lectureId: 'l1', title: 'Intro', reason: 'the hub sent junk' }];
    expectMessage(nothingToDownload('Course', refusedOne), 'svc.library.noneDownloadable', 'None of the 1 lecture(s) of "Course" can be downloaded: «Intro» was refused: the hub sent junk.');
    expect(downloadSummary(2, [])).toBe('2 of 2 lectures downloaded');
    expect(downloadSummary(0, [{ title: 'Intro', reason: 'junk' }])).toBe('0 of 1 lecture downloaded; «Intro» was refused: junk');
    expect(downloadSummary(7, [{ title: 'Intro', reason: 'junk' }], 'ko')).toBe('강의 8개 중 7개 다운로드함; «Intro» 거부됨: junk');
  });

  it('downloads: a stall retry line is worded in each language', () => {
    const stall = new StallError('x', 'stalled', 'seg_3.ts from hub.example stalled', { file: 'seg_3.ts', host: 'hub.example' });
    const text = retryNoticeText(stall, 2100, 1, 5);
    expect(formatText(text)).toBe('seg_3.ts from hub.example stalled; retrying in 3 s (attempt 2 of 5)');
    expect(formatText(text, 'ko')).toBe('hub.example의 seg_3.ts 전송이 멈췄습니다. 3초 뒤 다시 시도합니다(5번 중 2번째)');
    expect(formatText(retryNoticeText(new Error('The hub answered 503.'), 1000, 0, 5))).toBe('The hub answered 503; retrying in 1 s (attempt 1 of 5)');
  });

  it('uploads: the retry line says the same English and words each way a request failed in Korean', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const text = uploadRetryText(reset, 'seg_1.ts', 'Campus', 'ECONNRESET', 1200, 1, 7);
    expect(formatText(text)).toBe(uploadRetryNotice(describeAttempt(reset, 'seg_1.ts', 'Campus', 'ECONNRESET'), 1200, 1, 7));
    expect(formatText(text)).toBe('seg_1.ts to Campus was cut off; retrying in 2 s (attempt 2 of 7)');
    expect(formatText(text, 'ko')).toBe('Campus(으)로 보내는 seg_1.ts 전송이 끊겼습니다. 2초 뒤 다시 시도합니다(7번 중 2번째)');
    expect(describeAttempt(new Error('odd'), 'k', 'Hub', 'SlowDown: HTTP 503')).toBe('k to Hub failed (SlowDown: HTTP 503)');
  });

  it('hub: an S3 refusal without a failure code carries its sentence; one with a code keeps the failure', () => {
    const where = { hub: 'Campus', bucket: 'lectures' };
    expect(explainS3Failure({ kind: 'bucket-missing', detail: 'NoSuchBucket: HTTP 404' }, where)).toBe(
      'Bucket "lectures" does not exist on hub "Campus" (NoSuchBucket: HTTP 404). Create it or correct the bucket name.',
    );
    const fatal = toHubError(Object.assign(new Error('bad'), { name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } }), where) as LecternError;
    expect(fatal.text?.key).toBe('svc.hub.s3Failure');
    expect(formatText(fatal.text!)).toBe(fatal.message);
    expect(fatal.message).toMatch(/^hub "Campus" refused the request \(/);
    expect(formatText(fatal.text!, 'ko')).toBe('허브 "Campus"이(가) 요청을 거부했습니다.');
    const denied = toHubError(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), where) as LecternError;
    expect(denied.failure).toBe('access-denied');
    expect(denied.text).toBeUndefined();
  });

  it('downloads: a stored error keeps its message id across a restart (migration 0015), and only with its text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-svc1-'));
    try {
      const db = openDatabase(dir);
      db.prepare(
        `INSERT INTO downloads (id, hub_base, course_id, course_version, lecture_id, title, quality, state, error, total_bytes, created_at, updated_at)
         VALUES ('d1', 'https://hub.example/', 'c', 1, 'l', 'Intro', '720p', 'queued', NULL, 10, 0, 0)`,
      ).run();
      const store = new DownloadStore(db);
      const text: ServiceText = { key: 'svc.downloads.damaged', values: { count: '2' } };
      store.setState('d1', 'paused', formatText(text), text);
      expect(new DownloadStore(db).summary('d1')).toMatchObject({ error: '2 file(s) were damaged on disk and will be downloaded again.', errorText: text });
      store.setState('d1', 'downloading');
      expect(store.summary('d1')?.errorText).toBeUndefined();
      db.prepare(`UPDATE downloads SET error = 'x', error_text = '{"key":"svc.gone"}' WHERE id = 'd1'`).run();
      expect(store.summary('d1')?.errorText).toBeUndefined();
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI under LANG says the sentence with its technical cause under it; English stays the message', () => {
    const err = userError('unavailable', 'svc.catalog.openFailed', { title: 'Intro', cause: 'The hub answered 500 for /c.json.' });
    expect(cliErrorText(err.toData(), 'en')).toBe('Could not open "Intro": The hub answered 500 for /c.json.');
    expect(cliErrorText(err.toData(), 'ko')).toBe('"Intro"을(를) 열지 못했습니다.\n  The hub answered 500 for /c.json.');
    expect(cliErrorText(userError('not-found', 'svc.hub.notFound', { id: 'h9' }).toData(), 'ko')).toBe('허브 h9이(가) 없습니다.');
  });

  it('updates: failures keep their English and carry a message id', () => {
    const offline = describeUpdateFailure(Object.assign(new Error('getaddrinfo ENOTFOUND updates.example'), { code: 'ENOTFOUND' }), 'check', 'latest');
    expect(offline).toMatchObject({ kind: 'offline', message: 'Lectern could not reach the update server; you may be offline. It will check again later, or press Check now.' });
    expect(formatText(offline.text, 'ko')).toMatch(HANGUL);
    const server = describeUpdateFailure(Object.assign(new Error('HttpError: 503'), { statusCode: 503 }), 'download', 'latest');
    expect(server.message).toBe('The update server answered with an error (503). Your version keeps working; try again later.');
    expect(formatText(server.text, 'ko')).toBe('업데이트 서버가 오류로 응답했습니다(503). 지금 버전은 그대로 쓸 수 있습니다. 나중에 다시 시도하세요.');
  });

  it('uploads, releases, hub and leases', () => {
    expectMessage(thrown(() => parseStoredCatalog('{', 'catalog.json')), 'svc.uploads.notJson', 'catalog.json on the hub is not valid JSON; fix or remove it before publishing.');
    expectMessage(
      thrown(() => checkPercent(150)),
      'svc.releases.badPercent',
      'A staged rollout is a whole percentage from 0 to 100 (got 150); 0 stops the rollout, 100 offers it to everyone.',
    );
    expectMessage(thrown(() => parseFeed('version: [', 'latest.yml')), 'svc.releases.badYaml', thrown(() => parseFeed('version: [', 'latest.yml')).message);
    const invalid = thrown(() => parseInput(HubInput, {}, 'hub'));
    expect(invalid.text?.key).toBe('svc.hub.invalidInput');
    expect(invalid.message).toMatch(/^The hub is not valid: /);
    expect(formatText(invalid.text!, 'ko')).toBe('허브 설정이 올바르지 않습니다.');
    const holder = { host: 'studio-2', acquiredAt: '2026-01-02T03:04:05.000Z' } as ConstructorParameters<typeof LeaseBusyError>[1];
    const busy = new LeaseBusyError({ key: 'svc.uploads.beingPublished', values: { title: 'Intro', host: 'studio-2', since: '2026-01-02 03:04:05 UTC' } }, holder);
    expectMessage(busy, 'svc.uploads.beingPublished', '«Intro» is being published from studio-2 since 2026-01-02 03:04:05 UTC; try again when it finishes.');
    expect(new LeaseBusyError('plain English', holder).text).toBeUndefined();
    expectMessage(new LeaseLostError('Intro', null), 'svc.leases.lost', 'The hold on «Intro» was taken over because it was not renewed in time; nothing more was written. Publish again.');
    expectMessage(
      new LeaseLostError('Intro', holder as NonNullable<ConstructorParameters<typeof LeaseLostError>[1]>),
      'svc.leases.lost',
      'The hold on «Intro» was taken over by studio-2 at 2026-01-02 03:04:05 UTC because it was not renewed in time; nothing more was written. Publish again.',
    );
  });
});
