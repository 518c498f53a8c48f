import { describe, expect, it } from 'vitest';
import { planStoryboard, storyboardVtt, vttTime } from '../../../main/services/media/storyboard-vtt';

describe('storyboard', () => {
  it('plans one tile per interval, 10 columns, in the video aspect', () => {
    const plan = planStoryboard(61, 1920, 1080);
    expect(plan).toMatchObject({ intervalSec: 5, count: 13, columns: 10, rows: 2, thumbWidth: 160, thumbHeight: 90 });
    expect(planStoryboard(10, 1080, 1920)).toMatchObject({ thumbWidth: 90, thumbHeight: 160 });
  });

  it('widens the interval for long lectures so the sprite stays at most 200 tiles', () => {
    const plan = planStoryboard(3 * 3600, 1920, 1080);
    expect(plan.count).toBeLessThanOrEqual(200);
    expect(plan.count * plan.intervalSec).toBeGreaterThanOrEqual(3 * 3600);
  });

  it('writes cues that cover the whole duration and stay inside the sprite', () => {
    const plan = planStoryboard(61, 1920, 1080);
    const vtt = storyboardVtt(plan, 61, 'sprite.jpg');
    const cues = [...vtt.matchAll(/(\S+) --> (\S+)\nsprite\.jpg#xywh=(\d+),(\d+),(\d+),(\d+)/g)];
    expect(cues).toHaveLength(13);
    expect(cues[0]![1]).toBe('00:00:00.000');
    expect(cues.at(-1)![2]).toBe('00:01:01.000');
    for (let i = 1; i < cues.length; i++) expect(cues[i]![1]).toBe(cues[i - 1]![2]);
    for (const c of cues) {
      expect(Number(c[3]) + Number(c[5])).toBeLessThanOrEqual(plan.columns * plan.thumbWidth);
      expect(Number(c[4]) + Number(c[6])).toBeLessThanOrEqual(plan.rows * plan.thumbHeight);
    }
  });

  it('formats WebVTT timestamps', () => {
    expect(vttTime(3723.4567)).toBe('01:02:03.457');
  });
});
