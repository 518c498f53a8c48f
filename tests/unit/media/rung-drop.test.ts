import { describe, expect, it } from 'vitest';
import { CRF_OFFSET, DEFAULT_ENCODING, planLadder, rungsToKeep } from '../../../main/services/media/ladder-plan';

const kbps = (rates: Record<string, number>) => Object.entries(rates).map(([name, k]) => ({ name, averageBps: k * 1000 }));

describe('rungsToKeep', () => {
  it('keeps every rung when each saves more than 15 % over the one above', () => {
    expect(rungsToKeep(kbps({ '1080p': 4000, '720p': 2500, '480p': 1200, '360p': 700 }), 1080)).toEqual(['1080p', '720p', '480p', '360p']);
  });

  it('drops a rung costing ≥ 85 % of the kept rung above it (a slide deck keeps 1080p and 480p)', () => {
    expect(rungsToKeep(kbps({ '1080p': 300, '720p': 270, '480p': 150, '360p': 140 }), 1080)).toEqual(['1080p', '480p']);
  });

  it('compares with the last kept rung, not the dropped one', () => {
    // 720p is dropped (90 % of 1080p); 480p is 84 % of 1080p, so it stays.
    expect(rungsToKeep(kbps({ '1080p': 1000, '720p': 900, '480p': 840 }), 1080)).toEqual(['1080p', '480p']);
  });

  it('drops at exactly 85 % and keeps just below it', () => {
    expect(rungsToKeep(kbps({ '720p': 1000, '480p': 850, '360p': 100 }), 720)).toEqual(['720p', '360p']);
    expect(rungsToKeep(kbps({ '720p': 1000, '480p': 849, '360p': 100 }), 720)).toEqual(['720p', '480p', '360p']);
  });

  it('never leaves fewer than two rungs for a source of 720p or more: the top and the lowest stay', () => {
    expect(rungsToKeep(kbps({ '1080p': 100, '720p': 99, '480p': 98, '360p': 97 }), 1080)).toEqual(['1080p', '360p']);
    expect(rungsToKeep(kbps({ '720p': 100, '480p': 100, '360p': 100 }), 720)).toEqual(['720p', '360p']);
  });

  it('may leave one rung below 720p, and keeps a single rung as it is', () => {
    expect(rungsToKeep(kbps({ '480p': 100, '360p': 95 }), 480)).toEqual(['480p']);
    expect(rungsToKeep(kbps({ '360p': 100 }), 360)).toEqual(['360p']);
  });
});

describe('encoding setting → quality targets', () => {
  it('defaults to balanced with the measured CRFs, capped at the bitrate table', () => {
    const plan = planLadder(1920, 1080, 30, true);
    expect(plan.quality).toBe(DEFAULT_ENCODING);
    expect(plan.rateControl).toBe('crf');
    expect(plan.rungs.map((r) => [r.name, r.crf, r.videoKbps])).toEqual([
      ['1080p', 23, 5000],
      ['720p', 21, 2800],
      ['480p', 21, 1400],
      ['360p', 21, 800],
    ]);
  });

  it('smaller files raise every CRF, higher quality lowers it, the caps stay', () => {
    const balanced = planLadder(1920, 1080, 30, true, { quality: 'balanced' }).rungs;
    for (const quality of ['smaller', 'higher'] as const) {
      const rungs = planLadder(1920, 1080, 30, true, { quality }).rungs;
      expect(rungs.map((r, i) => r.crf - balanced[i]!.crf)).toEqual([CRF_OFFSET[quality], CRF_OFFSET[quality], CRF_OFFSET[quality], CRF_OFFSET[quality]]);
      expect(rungs.map((r) => r.videoKbps)).toEqual(balanced.map((r) => r.videoKbps));
    }
    expect(CRF_OFFSET.smaller).toBeGreaterThan(0);
    expect(CRF_OFFSET.higher).toBeLessThan(0);
  });

  it('gives mono sources mono AAC at a lower bitrate, and stereo or unknown sources stereo', () => {
    expect(planLadder(1280, 720, 30, true, { audioChannels: 1 })).toMatchObject({ audioChannels: 1, audioKbps: 64 });
    expect(planLadder(1280, 720, 30, true, { audioChannels: 2 })).toMatchObject({ audioChannels: 2, audioKbps: 128 });
    expect(planLadder(1280, 720, 30, true, { audioChannels: 6 })).toMatchObject({ audioChannels: 2 });
    expect(planLadder(1280, 720, 30, true, { audioChannels: null })).toMatchObject({ audioChannels: 2 });
    expect(planLadder(1280, 720, 30, false, { audioChannels: 1 }).audioKbps).toBeNull();
  });
});
