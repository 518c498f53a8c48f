import { LecternError } from '../../../main/contract/errors';
import type { RecordingTake } from '../../../main/contract/types';
import { translate } from '../i18n/format';
import { call, subscribe } from '../ipc';
import { loadMedia } from '../media/media-actions';
import { useNotices } from '../state/notices-store';
import { useTakes } from './takes-store';

let watching = false;

/** Follows `recordings.take` for the whole page: lists update, and a take that became a lecture's video refreshes its media. */
export function watchTakes(): void {
  if (watching) return;
  watching = true;
  subscribe('recordings.take', (take) => {
    const before = useTakes.getState().byLecture[take.lectureId]?.find((t) => t.id === take.id);
    useTakes.getState().apply(take);
    if (take.inUse && (!before?.inUse || before.state !== take.state)) void loadMedia(take.lectureId);
  });
}

export async function loadTakes(lectureId: string): Promise<void> {
  try {
    useTakes.getState().setLecture(lectureId, await call('recordings.list', { lectureId }));
  } catch (err) {
    if (err instanceof LecternError && err.code === 'not-found') return;
    useNotices.getState().pushError(translate('recording.error.loadTakes'), err);
  }
}

export async function loadUnfinished(): Promise<void> {
  try {
    useTakes.getState().set({ unfinished: await call('recordings.unfinished', {}) });
  } catch (err) {
    useNotices.getState().pushError(translate('recording.error.loadUnfinished'), err);
    useTakes.getState().set({ unfinished: [] });
  }
}

/** Runs a take action; main answers with the changed take (also sent as an event), or a sentence on failure. */
export async function takeAction(run: () => Promise<RecordingTake | unknown>): Promise<boolean> {
  try {
    const result = await run();
    if (isTake(result)) useTakes.getState().apply(result);
    return true;
  } catch (err) {
    useNotices.getState().pushError(null, err);
    return false;
  }
}

export async function deleteTake(take: RecordingTake): Promise<void> {
  if (await takeAction(() => call('recordings.delete', { takeId: take.id }))) useTakes.getState().set({ lastDeleted: take });
}

export async function undoDeleteTake(): Promise<void> {
  const take = useTakes.getState().lastDeleted;
  if (!take) return;
  useTakes.getState().set({ lastDeleted: null });
  await takeAction(() => call('recordings.restore', { takeId: take.id }));
}

export async function discardUnfinished(take: RecordingTake): Promise<void> {
  if (await takeAction(() => call('recordings.discard', { takeId: take.id }))) useTakes.getState().remove(take);
}

function isTake(value: unknown): value is RecordingTake {
  return typeof value === 'object' && value !== null && 'lectureId' in value && 'state' in value;
}
