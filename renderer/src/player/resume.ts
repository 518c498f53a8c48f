import { COMPLETE_FRACTION } from '../../../main/contract/domains/playback';

/** Closer than this to the end, a saved position is "finished" and the lecture starts over. */
const END_MARGIN_SEC = 3;

/**
 * Where to start a lecture from its saved progress: where the student stopped, unless they had reached
 * its end (finished, or past the completion mark of a completed lecture), in which case from the start.
 */
export function resumePosition(progress: { positionSec: number; durationSec: number; completed: boolean } | null): number {
  if (!progress || progress.positionSec <= 0) return 0;
  const { positionSec, durationSec, completed } = progress;
  if (durationSec > 0 && positionSec >= durationSec - END_MARGIN_SEC) return 0;
  if (completed && durationSec > 0 && positionSec >= durationSec * COMPLETE_FRACTION) return 0;
  return positionSec;
}
