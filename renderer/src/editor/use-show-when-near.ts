import type { RefObject } from 'react';
import { useWhenNear } from '../ui/use-near-view';
import { showSection } from './outline-view-store';

/** Marks the section shown (in the outline's view store, so moves can show it too) once it comes near the view. */
export function useShowWhenNear(element: RefObject<HTMLElement | null>, sectionId: string, shown: boolean): void {
  useWhenNear(element, !shown, () => showSection(sectionId));
}
