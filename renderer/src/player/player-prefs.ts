import { create } from 'zustand';

interface PlayerPrefs {
  /** Playback rate, 0.5–2; kept across lectures so the next one plays at the speed the student chose. */
  speed: number;
  setSpeed(speed: number): void;
}

export const usePlayerPrefs = create<PlayerPrefs>()((set) => ({
  speed: 1,
  setSpeed: (speed) => set({ speed }),
}));
