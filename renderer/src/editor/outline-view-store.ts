import { create } from 'zustand';

/**
 * Which sections of the open outline render their lecture rows. A section's rows appear once it comes
 * near the visible part of the editor (or a lecture is moved into it) and then stay, so focus, drag
 * targets and typed text are never torn down under the user. Everything else is a placeholder of the
 * same height, so a 2,000-lecture outline opens and types at the cost of what is on screen.
 */
interface OutlineViewState {
  shown: Record<string, true>;
  show(sectionIds: string[]): void;
  reset(): void;
}

export const useOutlineView = create<OutlineViewState>()((set) => ({
  shown: {},
  show(sectionIds) {
    set((s) => {
      const missing = sectionIds.filter((id) => !s.shown[id]);
      if (missing.length === 0) return s;
      const shown = { ...s.shown };
      for (const id of missing) shown[id] = true;
      return { shown };
    });
  },
  reset() {
    set({ shown: {} });
  },
}));

export function showSection(sectionId: string): void {
  useOutlineView.getState().show([sectionId]);
}

export const useSectionShown = (sectionId: string): boolean => useOutlineView((s) => s.shown[sectionId] === true);
