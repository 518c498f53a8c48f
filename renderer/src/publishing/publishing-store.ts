import { create } from 'zustand';
import type { Hub, PublishableCourse, PublishRun } from '../../../main/contract/domains/publishing-types';
import { call } from '../ipc';
import { useNotices } from '../state/notices-store';
import type { MessageKey } from '../i18n/catalogs';
import { translate } from '../i18n/format';

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

/** `failed` names what could not be loaded; the notices store keeps text, so it is worded in the language of the moment. */
async function load<T>(failed: MessageKey, fetch: () => Promise<T>, apply: (value: T) => void): Promise<void> {
  try {
    apply(await fetch());
  } catch (err) {
    useNotices.getState().pushError(translate(failed), err);
  }
}

export const refreshHubs = () => load('publishing.loadHubsFailed', () => call('hubs.list', {}), (hubs) => usePublishing.setState({ hubs }));
export const refreshCourses = () => load('publishing.loadCoursesFailed', () => call('publish.courses', {}), (courses) => usePublishing.setState({ courses }));
export const refreshRuns = () => load('publishing.loadRunsFailed', () => call('publish.runs', {}), (runs) => usePublishing.setState({ runs }));
