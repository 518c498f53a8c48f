import { create } from 'zustand';

/** The app's areas: the instructor's studio, publishing to hubs, the student's library, and settings (updates). */
export type Area = 'studio' | 'publishing' | 'library' | 'settings';

export const AREAS: readonly { id: Area; label: string; shortcut: string }[] = [
  { id: 'studio', label: 'Studio', shortcut: '1' },
  { id: 'publishing', label: 'Publishing', shortcut: '2' },
  { id: 'library', label: 'Library', shortcut: '3' },
  { id: 'settings', label: 'Settings', shortcut: '4' },
];

interface NavState {
  area: Area;
  show(area: Area): void;
}

export const useNav = create<NavState>((set) => ({
  area: 'studio',
  show: (area) => set({ area }),
}));
