import { describe, expect, it } from 'vitest';
import { cameraRect, fitRect, outputSize } from '../../../renderer/src/recording/camera-layout';

describe('outputSize', () => {
  it('keeps a 1080p or smaller screen as it is', () => {
    expect(outputSize({ width: 1920, height: 1080 }, null)).toEqual({ width: 1920, height: 1080 });
    expect(outputSize({ width: 1280, height: 720 }, { width: 640, height: 480 })).toEqual({ width: 1280, height: 720 });
  });

  it('scales a larger screen into 1080p, keeping its shape, with even sides', () => {
    expect(outputSize({ width: 3840, height: 2160 }, null)).toEqual({ width: 1920, height: 1080 });
    expect(outputSize({ width: 2560, height: 1600 }, null)).toEqual({ width: 1728, height: 1080 });
    const odd = outputSize({ width: 1365, height: 767 }, null);
    expect(odd.width % 2).toBe(0);
    expect(odd.height % 2).toBe(0);
  });

  it('uses the camera without a screen, and a default with neither or a zero size', () => {
    expect(outputSize(null, { width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(outputSize(null, null)).toEqual({ width: 1280, height: 720 });
    expect(outputSize({ width: 0, height: 0 }, null)).toEqual({ width: 1280, height: 720 });
  });
});

describe('cameraRect', () => {
  const out = { width: 1920, height: 1080 };
  const cam = { width: 640, height: 480 };

  it.each([
    ['top-left', 38.4, 38.4],
    ['top-right', 1920 - 480 - 38.4, 38.4],
    ['bottom-left', 38.4, 1080 - 360 - 38.4],
    ['bottom-right', 1920 - 480 - 38.4, 1080 - 360 - 38.4],
  ] as const)('puts a quarter-width camera in the %s corner, inset 2 %%, with the camera shape', (corner, x, y) => {
    const r = cameraRect(out, cam, { corner, size: 0.25 });
    expect(r.width).toBeCloseTo(480);
    expect(r.height).toBeCloseTo(360);
    expect(r.x).toBeCloseTo(x);
    expect(r.y).toBeCloseTo(y);
  });

  it('stays inside the output at the largest size', () => {
    const r = cameraRect(out, { width: 1280, height: 720 }, { corner: 'bottom-right', size: 0.5 });
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(out.width);
    expect(r.y + r.height).toBeLessThanOrEqual(out.height);
  });
});

describe('fitRect', () => {
  it('letterboxes a 4:3 screen in a 16:9 output', () => {
    expect(fitRect({ width: 1024, height: 768 }, { width: 1920, height: 1080 })).toEqual({ x: 240, y: 0, width: 1440, height: 1080 });
  });
});
