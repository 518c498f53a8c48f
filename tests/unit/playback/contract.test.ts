import { describe, expect, it } from 'vitest';
import { PLAYER_REQUEST_HEADER, playbackChannels } from '../../../main/contract/domains/playback';
import { PLAYER_HEADER } from '../../../main/services/offline-media/offline-media-handler';

const save = playbackChannels['progress.save'].input;
const valid = { hubBase: 'http://127.0.0.1:9/hub/', courseId: 'c1', lectureId: 'l1', title: 'T', positionSec: 12.5, durationSec: 100 };

describe('playback contract', () => {
  it('accepts a normal save', () => {
    expect(save.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['a negative position', { positionSec: -1 }],
    ['an infinite position', { positionSec: Infinity }],
    ['NaN', { durationSec: NaN }],
    ['more than 24 hours', { durationSec: 24 * 3600 + 1 }],
    ['a non-http hub', { hubBase: 'file:///etc/' }],
    ['a lecture id with a slash', { lectureId: '../x' }],
    ['an empty course id', { courseId: '' }],
    ['an overlong id', { lectureId: 'x'.repeat(201) }],
    ['an unknown field', { admin: true }],
  ])('rejects %s', (_why, patch) => {
    expect(save.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('bounds the other inputs', () => {
    expect(playbackChannels['progress.recent'].input.safeParse({ limit: 51 }).success).toBe(false);
    expect(playbackChannels['progress.course'].input.safeParse({ hubBase: valid.hubBase, courseId: 'c1', totalLectures: -1 }).success).toBe(false);
    expect(playbackChannels['playback.lecture'].input.safeParse({ downloadId: '../../etc' }).success).toBe(false);
    expect(playbackChannels['playback.lecture'].input.safeParse({ downloadId: 'a'.repeat(32) }).success).toBe(true);
  });

  it('names the header the media route checks', () => {
    expect(PLAYER_REQUEST_HEADER).toBe(PLAYER_HEADER);
  });
});
