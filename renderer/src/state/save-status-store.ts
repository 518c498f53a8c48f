import { create } from 'zustand';
import type { AutosaveState } from '../autosave/autosaver';

/**
 * What the "Saving… / All changes saved / Couldn't save" indicator summarises: the state of every
 * autosaved field on screen, plus structural operations (create, move, delete) still travelling.
 */
interface SaveStatusState {
  fields: Record<string, AutosaveState>;
  operations: number;
  report(fieldKey: string, state: AutosaveState | null): void;
  track<T>(work: Promise<T>): Promise<T>;
}

export const useSaveStatus = create<SaveStatusState>()((set) => ({
  fields: {},
  operations: 0,
  report(fieldKey, state) {
    set((s) => {
      const fields = { ...s.fields };
      if (state === null || state.kind === 'idle') delete fields[fieldKey];
      else fields[fieldKey] = state;
      return { fields };
    });
  },
  async track<T>(work: Promise<T>): Promise<T> {
    set((s) => ({ operations: s.operations + 1 }));
    try {
      return await work;
    } finally {
      set((s) => ({ operations: s.operations - 1 }));
    }
  },
}));

export type SaveSummary = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; error: unknown };

export function summarize(s: Pick<SaveStatusState, 'fields' | 'operations'>): SaveSummary {
  const states = Object.values(s.fields);
  const failed = states.find((f) => f.kind === 'error');
  if (failed?.kind === 'error') return { kind: 'error', error: failed.error };
  if (s.operations > 0 || states.length > 0) return { kind: 'saving' };
  return { kind: 'saved' };
}
