import { create } from 'zustand';

/** The app's areas: the instructor's studio, publishing to hubs, the student's library, and settings (updates). */
export type Area = 'studio' | 'publishing' | 'library' | 'settings';

/** Each area's name is the message `area.<id>`. */
export const AREAS: readonly { id: Area; label: `area.${Area}`; shortcut: string }[] = [
  { id: 'studio', label: 'area.studio', shortcut: '1' },
  { id: 'publishing', label: 'area.publishing', shortcut: '2' },
  { id: 'library', label: 'area.library', shortcut: '3' },
  { id: 'settings', label: 'area.settings', shortcut: '4' },
];

interface NavState {
  area: Area;
  show(area: Area): void;
}

export const useNav = create<NavState>((set) => ({
  area: 'studio',
  show: (area) => set({ area }),
}));
