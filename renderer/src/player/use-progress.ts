import { useEffect, useState } from 'react';
import type { LectureProgress } from '../../../main/contract/domains/playback';
import { describeError } from '../errors/error-text';
import { call, subscribe } from '../ipc';

/**
 * Loads with `load` and reloads whenever a saved position passes `relevant`, so progress shown next to
 * the player (continue watching, a course's bar) follows along while the student watches.
 */
export function useProgressQuery<T>(load: () => Promise<T>, relevant: (p: LectureProgress) => boolean, deps: readonly unknown[]) {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });

  useEffect(() => {
    let live = true;
    const refresh = () =>
      load()
        .then((value) => live && setState({ value, error: null }))
        .catch((err: unknown) => live && setState((s) => ({ value: s.value, error: describeError(err).sentence })));
    void refresh();
    const off = subscribe('progress.changed', (p) => relevant(p) && void refresh());
    return () => {
      live = false;
      off();
    };
    // `load` and `relevant` are rebuilt each render; `deps` says when they really change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return state;
}

export const loadRecent = (limit: number) => call('progress.recent', { limit });
