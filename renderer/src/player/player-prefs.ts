import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface PlayerPrefs {
  /** Playback rate, 0.5–2; kept across lectures so the next one plays at the speed the student chose. */
  speed: number;
  /** Theater mode: the curriculum beside the player is hidden and the video takes the width. */
  theater: boolean;
  setSpeed(speed: number): void;
  setTheater(theater: boolean): void;
}

/** Kept in the app origin's localStorage, so the choices outlive a restart. */
export const PLAYER_PREFS_KEY = 'lectern.player-prefs';

export const usePlayerPrefs = create<PlayerPrefs>()(
  persist(
    (set) => ({
      speed: 1,
      theater: false,
      setSpeed: (speed) => set({ speed }),
      setTheater: (theater) => set({ theater }),
    }),
    {
      name: PLAYER_PREFS_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ speed, theater }) => ({ speed, theater }),
      // A hand-edited or older entry must not give the player a speed it cannot play at.
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<PlayerPrefs>;
        return {
          ...current,
          speed: typeof s.speed === 'number' && s.speed >= 0.5 && s.speed <= 2 ? s.speed : current.speed,
          theater: typeof s.theater === 'boolean' ? s.theater : current.theater,
        };
      },
    },
  ),
);
