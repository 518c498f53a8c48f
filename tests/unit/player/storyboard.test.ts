import { describe, expect, it } from 'vitest';
import { parseStoryboard, tileAt } from '../../../renderer/src/player/storyboard';
import { actionForKey, clampSpeed, formatTime } from '../../../renderer/src/player/shortcuts';

const base = 'http://127.0.0.1:5173/media/lectures/abc/storyboard.vtt';

describe('parseStoryboard', () => {
  const vtt = `WEBVTT

00:00:00.000 --> 00:00:05.000
storyboard.jpg#xywh=0,0,160,90

00:00:05.000 --> 00:00:10.000
storyboard.jpg#xywh=160,0,160,90

1
00:01:00.000 --> 01:00:05.500
storyboard.jpg#xywh=0,90,160,90
`;

  it('reads cues, times and tile rectangles, resolving the sprite against the track URL', () => {
    const tiles = parseStoryboard(vtt, base);
    expect(tiles).toHaveLength(3);
    expect(tiles[1]).toEqual({ start: 5, end: 10, url: 'http://127.0.0.1:5173/media/lectures/abc/storyboard.jpg', x: 160, y: 0, w: 160, h: 90 });
    expect(tiles[2]!.end).toBe(3605.5);
  });

  it('drops cues pointing at another origin or with broken rectangles', () => {
    const hostile = `WEBVTT

00:00:00.000 --> 00:00:05.000
https://evil.example/x.jpg#xywh=0,0,160,90

00:00:05.000 --> 00:00:10.000
storyboard.jpg#xywh=-1,0,160,90

00:00:10.000 --> 00:00:15.000
storyboard.jpg#xywh=0,0,NaN
`;
    expect(parseStoryboard(hostile, base)).toEqual([]);
  });

  it('finds the tile under a time, the last one past the end', () => {
    const tiles = parseStoryboard(vtt, base);
    expect(tileAt(tiles, 7)?.x).toBe(160);
    expect(tileAt(tiles, 9999)?.y).toBe(90);
    expect(tileAt([], 3)).toBeUndefined();
  });
});

describe('player shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
    actionForKey({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

  it('maps the documented keys', () => {
    expect(key(' ')).toEqual({ kind: 'toggle-play' });
    expect(key('ArrowLeft')).toEqual({ kind: 'seek-by', seconds: -5 });
    expect(key('ArrowRight')).toEqual({ kind: 'seek-by', seconds: 5 });
    expect(key('j')).toEqual({ kind: 'seek-by', seconds: -10 });
    expect(key('L')).toEqual({ kind: 'seek-by', seconds: 10 });
    expect(key('f')).toEqual({ kind: 'toggle-fullscreen' });
    expect(key('m')).toEqual({ kind: 'toggle-mute' });
  });

  it('leaves modified keys to the app', () => {
    expect(key('f', { ctrlKey: true })).toBeNull();
    expect(key('ArrowLeft', { altKey: true })).toBeNull();
  });

  it('keeps speed within 0.5–2× in quarter steps and formats times', () => {
    expect(clampSpeed(3)).toBe(2);
    expect(clampSpeed(0.1)).toBe(0.5);
    expect(clampSpeed(1.3)).toBe(1.25);
    expect(formatTime(3725)).toBe('1:02:05');
    expect(formatTime(65)).toBe('1:05');
    expect(formatTime(Number.NaN)).toBe('0:00');
  });
});
