import { powerMonitor, powerSaveBlocker } from 'electron';
import type { PayloadOf } from '../contract/events';
import type { Dispatch } from '../ipc/dispatch';

/**
 * Keeps the machine awake while a take is recording, and pauses recording takes when it suspends anyway
 * (lid closed): the slices so far are journaled, the renderer sees the take paused and pauses its
 * recorder, and the instructor resumes when they are back.
 */
export function watchRecordingPower(dispatch: () => Dispatch): (take: PayloadOf<'recordings.take'>) => void {
  const recording = new Set<string>();
  let blocker: number | null = null;
  powerMonitor.on('suspend', () => {
    for (const takeId of recording) void dispatch()('recordings.pause', { takeId });
  });
  return (take) => {
    if (take.state === 'recording') recording.add(take.id);
    else recording.delete(take.id);
    if (recording.size > 0 && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (recording.size === 0 && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
}
