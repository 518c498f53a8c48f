import { describe, expect, it } from 'vitest';
import type { MediaJob, MediaProbe, RecordingTake } from '../../../main/contract/types';
import { LecternError } from '../../../main/contract/errors';
import { CATALOGS, type MessageKey } from '../../../renderer/src/i18n/catalogs';
import { translate } from '../../../renderer/src/i18n/format';
import { JOB_LABELS, JOB_STATUS, describeProbe } from '../../../renderer/src/media/media-format';
import type { LectureMediaEntry } from '../../../renderer/src/media/media-store';
import { summarize } from '../../../renderer/src/media/media-summary';
import { CORNERS } from '../../../renderer/src/recording/camera-layout';
import { DEVICE_PROBLEMS, deviceProblem } from '../../../renderer/src/recording/media-devices';
import { noteText } from '../../../renderer/src/recording/note-text';
import { takeStatus } from '../../../renderer/src/recording/take-format';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate(key, values, 'en');
const ko = (key: MessageKey, values?: Record<string, string | number>) => translate(key, values, 'ko');

const take = (over: Partial<RecordingTake>): RecordingTake => ({ state: 'ready', trim: null, error: null, ...over }) as RecordingTake;

describe('recording and media words', () => {
  it('maps every job state and kind main reports to a message both catalogs have', () => {
    const keys: MessageKey[] = [...Object.values(JOB_STATUS), ...Object.values(JOB_LABELS), ...CORNERS.map((c) => c.label)];
    for (const problems of Object.values(DEVICE_PROBLEMS)) keys.push(...Object.values(problems));
    for (const key of keys) for (const lang of ['en', 'ko']) expect(CATALOGS[lang]![key], `${lang}: ${key}`).toBeTruthy();
    const statuses: MediaJob['status'][] = ['queued', 'running', 'done', 'failed', 'cancelled'];
    expect(statuses.map((s) => en(JOB_STATUS[s]))).toEqual(['Waiting', 'Working', 'Done', 'Failed', 'Cancelled']);
    expect(statuses.map((s) => ko(JOB_STATUS[s]))).toEqual(['대기 중', '작업 중', '완료', '실패', '취소됨']);
  });

  it("words a take's state, with trim points in tenths and no digit grouping", () => {
    expect(takeStatus(take({ state: 'unfinished' }), en)).toBe('Unfinished — recover or discard it');
    expect(takeStatus(take({ state: 'failed' }), en)).toBe('Could not be finished');
    expect(takeStatus(take({ trim: { startSec: 2, endSec: 8, state: 'ready' } } as Partial<RecordingTake>), en)).toBe('Trimmed 2.0 s–8.0 s');
    expect(takeStatus(take({ trim: { startSec: 0, endSec: 1234.56, state: 'ready' } } as Partial<RecordingTake>), en)).toBe('Trimmed 0.0 s–1234.6 s');
    expect(takeStatus(take({ trim: { startSec: 2, endSec: 8, state: 'ready' } } as Partial<RecordingTake>), ko)).toBe('2.0초–8.0초로 자름');
    expect(takeStatus(take({ trim: { startSec: 2, endSec: 8, state: 'working' } } as Partial<RecordingTake>), ko)).toBe('자르는 중…');
    expect(takeStatus(take({}), en)).toBe('');
  });

  it("explains a device the browser refused in the instructor's language, with the browser's words when nothing fits", () => {
    const denied = deviceProblem('camera', new DOMException('no', 'NotAllowedError'));
    expect(noteText(denied, en)).toBe("Lectern may not use the camera. Allow it in your system's privacy settings, then choose it again.");
    expect(noteText(deviceProblem('microphone', new DOMException('x', 'NotReadableError')), ko)).toContain('마이크');
    expect(noteText(deviceProblem('screen', new DOMException('x', 'OverconstrainedError')), en)).toBe('That screen is no longer connected. Choose another one.');
    expect(noteText(deviceProblem('camera', new Error('Could not start video source')), en)).toBe("Couldn't start the camera: Could not start video source");
    // Main's refusal is worded by the error table, not repeated raw.
    expect(noteText({ error: new LecternError('unavailable', 'The disk is almost full: recording paused.') }, en)).toBe('The disk is almost full: recording paused.');
  });

  it('says whether recording goes on when a device stops', () => {
    expect(en('recording.warning.cameraEnded', { recording: 'yes' })).toBe('The camera stopped (unplugged, or sharing was ended). Recording continues with the other sources.');
    expect(en('recording.warning.screenEnded', { recording: 'no' })).toBe('Screen capture stopped (unplugged, or sharing was ended).');
    expect(ko('recording.warning.microphoneEnded', { recording: 'no' })).toBe('마이크가 멈췄습니다(연결이 끊겼거나 공유가 종료됨).');
  });

  it("sums up a lecture's video and its source in Korean", () => {
    const probe = { video: { codec: 'h264', width: 640, height: 360, frameRate: 29.97 }, audio: { codec: 'aac' } } as MediaProbe;
    expect(describeProbe(probe, en)).toBe('640×360 · H.264 · 29.97 fps · AAC audio');
    expect(describeProbe({ ...probe, audio: null }, ko)).toBe('640×360 · H.264 · 29.97fps · 오디오 없음');
    const entry: LectureMediaEntry = { media: null, importing: null, problem: null, expanded: false };
    expect(summarize(entry, ko).text).toBe('동영상');
    const running = { id: 'j', lectureId: 'l', kind: 'ladder', status: 'running', percent: 45.6, createdAt: 1 } as MediaJob;
    const media = { lectureId: 'l', source: null, poster: null, storyboard: null, preview: null, ladder: null, captions: null, jobs: [running] };
    expect(summarize({ ...entry, media }, ko)).toEqual({ text: '만드는 중 45%', tone: 'busy' });
    expect(summarize({ ...entry, media }, en).text).toBe('Building 45%');
  });

  it('counts cues and minutes with plurals in English and none in Korean', () => {
    expect(en('media.captions.facts', { name: 'a.vtt', count: 1 })).toBe('Captions: a.vtt · 1 cue');
    expect(en('media.captions.facts', { name: 'a.vtt', count: 2 })).toBe('Captions: a.vtt · 2 cues');
    expect(ko('media.captions.facts', { name: 'a.vtt', count: 2 })).toBe('자막: a.vtt · 큐 2개');
    expect(en('recording.diskMinutes', { minutes: 42 })).toBe('Room for about 42 minutes of recording');
    expect(en('recording.trim.length', { seconds: 6 })).toBe('The lecture will be 6.0 s long.');
  });
});
