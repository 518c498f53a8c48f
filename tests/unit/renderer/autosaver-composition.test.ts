import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver } from '../../../renderer/src/autosave/autosaver';

describe('Autosaver while an IME composes', () => {
  let saved: string[];
  let saver: Autosaver<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    saved = [];
    saver = new Autosaver<string>({ save: async (v) => void saved.push(v), debounceMs: 300, maxWaitMs: 600 });
  });
  afterEach(() => vi.useRealTimers());

  /** What a Korean IME sends for one syllable: partial compositions, then the committed syllable. */
  const composeSyllable = (before: string, steps: string[]) => {
    saver.composition(true);
    for (const partial of steps) {
      saver.change(before + partial);
      vi.advanceTimersByTime(400);
    }
    saver.composition(false);
  };

  it('never saves a half-built syllable, however long the composition lasts', () => {
    saver.composition(true);
    for (const partial of ['ㅇ', '아', '안']) {
      saver.change(partial);
      vi.advanceTimersByTime(5_000);
    }
    expect(saved).toEqual([]);
    expect(saver.state.kind).toBe('pending');
  });

  it('saves the committed text as soon as the composition ends when the save is overdue', () => {
    composeSyllable('', ['ㅇ', '아', '안']);
    expect(saved).toEqual(['안']);
  });

  it('waits the usual quiet time after a short composition, then saves the committed text', () => {
    saver.composition(true);
    saver.change('ㅇ');
    saver.change('아');
    saver.composition(false);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(saved).toEqual(['아']);
  });

  it('saves only whole syllables while a sentence is typed syllable by syllable', () => {
    let text = '';
    for (const [steps, syllable] of [
      [['ㅇ', '아', '안'], '안'],
      [['ㄴ', '녀', '녕'], '녕'],
      [['ㅎ', '하'], '하'],
    ] as const) {
      composeSyllable(text, [...steps]);
      text += syllable;
    }
    vi.advanceTimersByTime(1_000);
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.at(-1)).toBe('안녕하');
    for (const v of saved) expect(['안', '안녕', '안녕하']).toContain(v);
  });

  it('still saves what is there on an explicit flush (blur, leaving the page)', () => {
    saver.composition(true);
    saver.change('안녀');
    saver.flush();
    expect(saved).toEqual(['안녀']);
  });

  it('saves as before when no IME is involved', () => {
    saver.change('hello');
    vi.advanceTimersByTime(300);
    expect(saved).toEqual(['hello']);
  });
});
