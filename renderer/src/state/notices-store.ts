import { create } from 'zustand';

/** Failures of actions that have no field to sit next to (moving, deleting, loading). */
export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Notice {
  id: number;
  message: string;
  action?: NoticeAction;
}

interface NoticesState {
  notices: Notice[];
  push(message: string, action?: NoticeAction): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  push(message, action) {
    // The same failure repeated (e.g. every autosave while main is gone) is shown once.
    set((s) => (s.notices.some((n) => n.message === message) ? s : { notices: [...s.notices.slice(-3), { id: nextId++, message, ...(action ? { action } : {}) }] }));
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));
