import { useEffect, useRef, useState, type RefObject } from 'react';

/** How far outside the visible area a long list's far part starts rendering. */
const AHEAD = '1500px 0px';

/** The element that scrolls `el`: its edges, not the window's, decide what is near. */
export function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

/**
 * While `waiting`, calls `onNear` once `element` comes within `ahead` (a rootMargin) of its scroll
 * container's visible area. The one observer behind every list whose far parts render late (the
 * editor's outline, the library's course page, the player's curriculum), whoever keeps the "shown" state.
 */
export function useWhenNear(element: RefObject<HTMLElement | null>, waiting: boolean, onNear: () => void, ahead = AHEAD): void {
  // The latest callback, so a new closure each render does not re-create the observer.
  const latest = useRef(onNear);
  latest.current = onNear;
  useEffect(() => {
    const el = element.current;
    if (!waiting || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) latest.current();
      },
      { root: scrollParent(el), rootMargin: ahead },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [element, waiting, ahead]);
}

/**
 * False until `element` comes within `ahead` of its scroll container's visible area, then true for good:
 * for long lists whose far parts render only when a reader gets near them.
 */
export function useNearView(element: RefObject<HTMLElement | null>, initially: boolean, ahead = AHEAD): boolean {
  const [near, setNear] = useState(initially);
  useWhenNear(element, !near, () => setNear(true), ahead);
  return near;
}
