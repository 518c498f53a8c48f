import fs from 'node:fs';
import path from 'node:path';
import type { MediaRendition } from '../../contract/types';
import { rungsToKeep, type LadderPlan } from './ladder-plan';
import { measurePlaylist, writeMasterPlaylist } from './write-master';

export interface FinishedLadder {
  /** The plan with only the rungs kept. */
  plan: LadderPlan;
  renditions: MediaRendition[];
  dropped: string[];
}

/**
 * After the encode (folders already named): measures each rung from its segment files, removes the rungs
 * that add nothing (rungsToKeep), and writes the master playlist from what is left, so BANDWIDTH and the
 * download sizes are those of files that will be published.
 */
export async function finishLadder(hlsDir: string, plan: LadderPlan): Promise<FinishedLadder> {
  const top = plan.rungs[0];
  if (!top) throw new Error('the ladder plan has no rungs');
  const measured = await Promise.all(plan.rungs.map(async (r) => ({ name: r.name, averageBps: (await measurePlaylist(path.join(hlsDir, r.name))).averageBps })));
  const keep = new Set(rungsToKeep(measured, Math.min(top.width, top.height)));
  const dropped = plan.rungs.filter((r) => !keep.has(r.name)).map((r) => r.name);
  await Promise.all(dropped.map((name) => fs.promises.rm(path.join(hlsDir, name), { recursive: true, force: true })));
  const kept: LadderPlan = { ...plan, rungs: plan.rungs.filter((r) => keep.has(r.name)) };
  const renditions = await writeMasterPlaylist(hlsDir, kept);
  return { plan: kept, renditions, dropped };
}
