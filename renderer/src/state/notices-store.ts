import { create } from 'zustand';
import type { FailureParams } from '../../../main/contract/failures';
import { describeError } from '../errors/error-text';
import { sameText, type Text } from './message-text';
import { useNav, type Area } from './nav-store';

/** Failures of actions that have no field to sit next to (moving, deleting, loading). */
export interface NoticeAction {
  label: Text;
  run(): void;
}

export interface Notice {
  id: number;
  /** A plain message (no error), or the lead naming what failed when `error` is set; '' for none. Translated when drawn. */
  message: Text;
  /** Shown through ErrorNotice: a sentence, and the technical text under "Details". */
  error?: unknown;
  context?: FailureParams;
  action?: NoticeAction;
  /** Identifies what the notice is about (e.g. an autosaved field) so its success can clear it. */
  key?: string;
  /** The area it happened in: a notice does not follow the user to other areas. */
  area: Area;
}

export interface ErrorNoticeOptions {
  action?: NoticeAction;
  key?: string;
  context?: FailureParams;
}

interface NoticesState {
  notices: Notice[];
  push(message: Text, action?: NoticeAction): void;
  /** `lead` names what failed in one short sentence ("Couldn't delete “Intro”."); null for none. */
  pushError(lead: Text | null, error: unknown, options?: ErrorNoticeOptions): void;
  dismiss(id: number): void;
  /** Removes the notice about `key` (the field saved after all). */
  clear(key: string): void;
}

let nextId = 1;

function add(s: NoticesState, notice: Omit<Notice, 'id'>): Pick<NoticesState, 'notices'> {
  const same = (n: Notice) => (notice.key !== undefined ? n.key === notice.key : n.key === undefined && sameText(n.message, notice.message) && textOf(n) === textOf(notice));
  // The same failure repeated (e.g. every autosave while main is gone) is shown once, the newest kept.
  const rest = s.notices.filter((n) => !same(n));
  return { notices: [...rest.slice(-3), { id: nextId++, ...notice }] };
}

function textOf(n: Pick<Notice, 'error' | 'context'>): string {
  return n.error === undefined ? '' : describeError(n.error, n.context).sentence;
}

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  push(message, action) {
    set((s) => (s.notices.some((n) => sameText(n.message, message) && n.error === undefined) ? s : add(s, { message, area: useNav.getState().area, ...(action ? { action } : {}) })));
  },
  pushError(lead, error, options = {}) {
    const { action, key, context } = options;
    set((s) =>
      add(s, {
        message: lead ?? '',
        error,
        area: useNav.getState().area,
        ...(action ? { action } : {}),
        ...(key ? { key } : {}),
        ...(context ? { context } : {}),
      }),
    );
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
  clear(key) {
    set((s) => (s.notices.some((n) => n.key === key) ? { notices: s.notices.filter((n) => n.key !== key) } : s));
  },
}));
