import { useEffect, type RefObject } from 'react';
import { scrollParent } from '../ui/use-near-view';
import { showSection } from './outline-view-store';

/** How far outside the visible part of the editor a section starts rendering its rows. */
const AHEAD = '1500px 0px';

/** Marks the section shown once its element comes within AHEAD of the visible area. */
export function useShowWhenNear(element: RefObject<HTMLElement | null>, sectionId: string, shown: boolean): void {
  useEffect(() => {
    const el = element.current;
    if (shown || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) showSection(sectionId);
    }, { root: scrollParent(el), rootMargin: AHEAD });
    observer.observe(el);
    return () => observer.disconnect();
  }, [element, sectionId, shown]);
}
