import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { translate } from '../i18n/format';
import { useDrafts } from '../state/drafts-store';
import { AREAS, useNav, type Area } from '../state/nav-store';

const APP = 'Lectern';

/**
 * "<Course or area> — Lectern": what the window title (and the taskbar) says. The Electron window
 * follows the page's title, so setting document.title is enough. Blank titles fall back to the area.
 */
export function windowTitle(area: Area, courseTitle: string | null, locale?: string): string {
  const key = AREAS.find((a) => a.id === area)?.label;
  const areaLabel = key ? translate(key, undefined, locale) : APP;
  const subject = area === 'studio' && courseTitle?.trim() ? courseTitle.trim().replace(/\s+/g, ' ') : areaLabel;
  // Window managers cut long titles anyway; keep the app name in view.
  const short = subject.length > 80 ? `${subject.slice(0, 79)}…` : subject;
  return `${short} — ${APP}`;
}

export function useWindowTitle(): void {
  const area = useNav((s) => s.area);
  const courseTitle = useDrafts((s) => s.detail?.title ?? s.courses?.find((c) => c.id === s.selectedId)?.title ?? null);
  const locale = useIntl().locale;
  useEffect(() => {
    document.title = windowTitle(area, courseTitle, locale);
  }, [area, courseTitle, locale]);
}
