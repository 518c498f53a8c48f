import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';

/** Version and data folder: what support asks first, and where an instructor's drafts live on disk. */
export function AppInfoFooter() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const t = useT();
  useEffect(() => {
    // Nice to have: if it fails, the loading notices already say main is unreachable.
    call('app.info', {}).then(setInfo, () => {});
  }, []);
  if (!info) return null;
  return (
    <footer className="sidebar-footer" data-testid="app-info">
      <span>{t('appInfo.version', { version: info.version })}</span>
      <span className="sidebar-footer-path" dir="ltr" title={info.dataDir}>
        {t('appInfo.data', { path: info.dataDir })}
      </span>
    </footer>
  );
}
