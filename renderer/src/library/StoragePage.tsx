import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { StorageView } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { downloadAction } from './DownloadControls';
import { formatBytes , STORED } from '../i18n/format';
import { useLibrary } from './library-store';
import { useT } from '../i18n/use-t';
import { Rich } from '../i18n/Rich';

const code = (chunks: ReactNode[]) => <code>{chunks}</code>;

/** What the downloads take on disk, and removing them to free space. */
export function StoragePage() {
  const [storage, setStorage] = useState<StorageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const downloads = useLibrary((s) => s.downloads);
  const t = useT();
  const load = useCallback(() => {
    call('library.storage', {}).then(setStorage, (err: unknown) => setError(err));
  }, []);
  // Reloaded whenever the set of downloads changes (a removal elsewhere, an update replacing a copy).
  const ids = Object.keys(downloads).sort().join(',');
  useEffect(load, [load, ids]);

  if (error !== null) return <ErrorNotice className="field-error" error={error} />;
  if (!storage) return <p className="loading">{t('library.storage.measuring')}</p>;
  return (
    <section aria-labelledby="storage-title" data-testid="storage-page">
      <h1 id="storage-title">{t('library.nav.storage')}</h1>
      <p data-testid="storage-summary">
        <Rich id="library.storage.summary" values={{ used: formatBytes(storage.usedBytes, STORED), free: formatBytes(storage.spareBytes, STORED), dir: storage.libraryDir, code }} />
      </p>
      {storage.downloads.length === 0 ? (
        <p className="loading">{t('library.storage.empty')}</p>
      ) : (
        <table className="storage-table">
          <thead>
            <tr>
              <th scope="col">{t('library.storage.lecture')}</th>
              <th scope="col">{t('library.storage.course')}</th>
              <th scope="col">{t('library.storage.quality')}</th>
              <th scope="col">{t('library.storage.size')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('library.storage.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {storage.downloads.map((d) => (
              <tr key={d.id} data-testid="storage-row">
                <td dir="auto">{d.title}</td>
                <td dir="auto">
                  {d.courseTitle} <span className="muted">{t('library.storage.version', { version: d.courseVersion })}</span>
                </td>
                <td>{d.quality}</td>
                <td>{formatBytes(d.totalBytes, STORED)}</td>
                <td>
                  <button type="button" className="button button-danger-quiet" onClick={() => void downloadAction(() => call('downloads.remove', { downloadId: d.id }))} aria-label={t('library.storage.removeLabel', { title: d.title })}>
                    {t('library.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
