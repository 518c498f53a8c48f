import { create } from 'zustand';
import type { Hub, PublishableCourse, PublishRun } from '../../../main/contract/domains/publishing-types';
import { call } from '../ipc';
import { useNotices } from '../state/notices-store';

interface PublishingState {
  hubs: Hub[] | null;
  courses: PublishableCourse[] | null;
  runs: PublishRun[] | null;
  /** The hub whose settings form is open: a hub id, 'new', or null. */
  editing: string | null;
  edit(target: string | null): void;
  /** A run's latest state from a 'publish.run' event, newest first in the queue. */
  putRun(run: PublishRun): void;
}

export const usePublishing = create<PublishingState>()((set) => ({
  hubs: null,
  courses: null,
  runs: null,
  editing: null,
  edit: (editing) => set({ editing }),
  putRun: (run) =>
    set((s) => {
      const runs = s.runs ?? [];
      return { runs: runs.some((r) => r.id === run.id) ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs] };
    }),
}));

async function load<T>(what: string, fetch: () => Promise<T>, apply: (value: T) => void): Promise<void> {
  try {
    apply(await fetch());
  } catch (err) {
    useNotices.getState().pushError(`Couldn't load ${what}.`, err);
  }
}

export const refreshHubs = () => load('the hubs', () => call('hubs.list', {}), (hubs) => usePublishing.setState({ hubs }));
export const refreshCourses = () => load('the courses', () => call('publish.courses', {}), (courses) => usePublishing.setState({ courses }));
export const refreshRuns = () => load('the upload queue', () => call('publish.runs', {}), (runs) => usePublishing.setState({ runs }));
