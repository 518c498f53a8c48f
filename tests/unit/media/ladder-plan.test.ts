import { describe, expect, it } from 'vitest';
import { planLadder } from '../../../main/services/media/ladder-plan';

describe('planLadder', () => {
  it('gives a 1080p source all four rungs, highest first, 16:9 and even', () => {
    const plan = planLadder(1920, 1080, 30, true);
    expect(plan.rungs.map((r) => `${r.width}x${r.height}`)).toEqual(['1920x1080', '1280x720', '854x480', '640x360']);
    expect(plan.rungs.every((r) => r.width % 2 === 0 && r.height % 2 === 0)).toBe(true);
    expect(plan.gop).toBe(120);
    expect(plan.audioKbps).toBe(128);
  });

  it('never upscales: a 720p source gets 720/480/360', () => {
    expect(planLadder(1280, 720, 25, false).rungs.map((r) => r.name)).toEqual(['720p', '480p', '360p']);
  });

  it('applies rungs to the short side of portrait video', () => {
    const plan = planLadder(1080, 1920, 30, true);
    expect(plan.rungs[0]).toMatchObject({ name: '1080p', width: 1080, height: 1920 });
    expect(plan.rungs[3]).toMatchObject({ width: 360, height: 640 });
  });

  it('gives a source below 360p one rung at its own evened size', () => {
    const plan = planLadder(321, 179, 30, true);
    expect(plan.rungs).toHaveLength(1);
    expect(plan.rungs[0]).toMatchObject({ width: 322, height: 180 });
  });

  it('keeps odd-sized sources at their aspect with even dimensions', () => {
    const [top] = planLadder(1001, 563, 30, false).rungs;
    expect(top).toMatchObject({ height: 480 });
    expect(top!.width % 2).toBe(0);
    expect(Math.abs(top!.width / top!.height - 1001 / 563)).toBeLessThan(0.01);
  });

  it('brings unknown or >60 fps to 30 with a one-segment GOP', () => {
    expect(planLadder(640, 360, null, true)).toMatchObject({ fps: 30, gop: 120 });
    expect(planLadder(640, 360, 120, true)).toMatchObject({ fps: 30 });
    expect(planLadder(640, 360, 30000 / 1001, true).gop).toBe(120);
  });
});
