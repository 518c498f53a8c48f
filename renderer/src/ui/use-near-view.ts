import { useEffect, useState, type RefObject } from 'react';

/** The element that scrolls `el`: its edges, not the window's, decide what is near. */
export function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

/**
 * False until `element` comes within `ahead` (a rootMargin) of its scroll container's visible area, then
 * true for good: for long lists whose far parts render only when a reader gets near them.
 */
export function useNearView(element: RefObject<HTMLElement | null>, initially: boolean, ahead = '1500px 0px'): boolean {
  const [near, setNear] = useState(initially);
  useEffect(() => {
    const el = element.current;
    if (near || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { root: scrollParent(el), rootMargin: ahead },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [element, near, ahead]);
  return near;
}
