import { describe, expect, it } from 'vitest';
import { playbackErrorMessage } from '../../../renderer/src/player/player-errors';
import { ProgressSaver } from '../../../renderer/src/player/progress-saver';
import { resumePosition } from '../../../renderer/src/player/resume';
import { isTypingTarget } from '../../../renderer/src/player/shortcuts';

describe('ProgressSaver', () => {
  const make = () => {
    let now = 0;
    const saves: [number, number][] = [];
    const saver = new ProgressSaver((p, d) => saves.push([p, d]), 5_000, () => now);
    return { saver, saves, advance: (ms: number) => (now += ms) };
  };

  it('saves at most every interval while playing, starting one interval after opening', () => {
    const { saver, saves, advance } = make();
    for (let t = 1; t <= 12; t++) {
      advance(1_000);
      saver.update(t, 100);
    }
    expect(saves).toEqual([
      [5, 100],
      [10, 100],
    ]);
  });

  it('flushes the latest position at once, and only once', () => {
    const { saver, saves, advance } = make();
    advance(100);
    saver.update(3.5, 100);
    saver.flush();
    saver.flush();
    expect(saves).toEqual([[3.5, 100]]);
  });

  it('saves nothing before any position, and ignores broken numbers', () => {
    const { saver, saves, advance } = make();
    saver.flush();
    advance(10_000);
    saver.update(NaN, 100);
    saver.update(-1, 100);
    saver.flush();
    expect(saves).toEqual([]);
    saver.update(4, Infinity);
    saver.flush();
    expect(saves).toEqual([[4, 0]]);
  });
});

describe('resumePosition', () => {
  it('resumes where the student stopped', () => {
    expect(resumePosition(null)).toBe(0);
    expect(resumePosition({ positionSec: 42, durationSec: 600, completed: false })).toBe(42);
  });

  it('starts over at the end, or past the completion mark of a completed lecture', () => {
    expect(resumePosition({ positionSec: 598, durationSec: 600, completed: false })).toBe(0);
    expect(resumePosition({ positionSec: 560, durationSec: 600, completed: true })).toBe(0);
    // Rewatching a completed lecture: its new place counts.
    expect(resumePosition({ positionSec: 120, durationSec: 600, completed: true })).toBe(120);
  });
});

describe('isTypingTarget', () => {
  it.each([
    [{ tagName: 'INPUT', type: 'text' }, true],
    [{ tagName: 'input' }, true],
    [{ tagName: 'TEXTAREA' }, true],
    [{ tagName: 'SELECT' }, true],
    [{ tagName: 'DIV', isContentEditable: true }, true],
    [{ tagName: 'INPUT', type: 'range' }, false],
    [{ tagName: 'INPUT', type: 'checkbox' }, false],
    [{ tagName: 'BUTTON' }, false],
    [{ tagName: 'VIDEO' }, false],
    [null, false],
  ])('%o → %s', (target, typing) => {
    expect(isTypingTarget(target)).toBe(typing);
  });
});

describe('playbackErrorMessage', () => {
  it('tells a missing key, a removed or unverified download and damaged files apart', () => {
    expect(playbackErrorMessage({ details: 'keyLoadError', status: 403 })).toMatch(/key is missing .* download it again/);
    expect(playbackErrorMessage({ details: 'manifestLoadError', status: 404 })).toMatch(/incomplete, was removed or failed verification/);
    expect(playbackErrorMessage({ details: 'levelLoadError', status: 500 })).toMatch(/playlist could not be read/);
    expect(playbackErrorMessage({ details: 'fragLoadError', status: 404 })).toMatch(/missing or damaged/);
    expect(playbackErrorMessage({ details: 'fragDecryptError' })).toMatch(/could not be decoded/);
    expect(playbackErrorMessage({ details: 'somethingNew' })).toBe('This lecture cannot be played: verify the download in the Library, or download it again.');
  });
});
