import { useEffect } from 'react';
import { useDrafts } from '../state/drafts-store';
import { AREAS, useNav, type Area } from '../state/nav-store';

const APP = 'Lectern';

/**
 * "<Course or area> — Lectern": what the window title (and the taskbar) says. The Electron window
 * follows the page's title, so setting document.title is enough. Blank titles fall back to the area.
 */
export function windowTitle(area: Area, courseTitle: string | null): string {
  const areaLabel = AREAS.find((a) => a.id === area)?.label ?? APP;
  const subject = area === 'studio' && courseTitle?.trim() ? courseTitle.trim().replace(/\s+/g, ' ') : areaLabel;
  // Window managers cut long titles anyway; keep the app name in view.
  const short = subject.length > 80 ? `${subject.slice(0, 79)}…` : subject;
  return `${short} — ${APP}`;
}

export function useWindowTitle(): void {
  const area = useNav((s) => s.area);
  const courseTitle = useDrafts((s) => s.detail?.title ?? s.courses?.find((c) => c.id === s.selectedId)?.title ?? null);
  useEffect(() => {
    document.title = windowTitle(area, courseTitle);
  }, [area, courseTitle]);
}
