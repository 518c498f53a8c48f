import { useCallback, useEffect, useState } from 'react';
import type { StorageView } from '../../../main/contract/domains/library';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { downloadAction } from './DownloadControls';
import { formatBytes , STORED } from '../i18n/format';
import { useLibrary } from './library-store';

/** What the downloads take on disk, and removing them to free space. */
export function StoragePage() {
  const [storage, setStorage] = useState<StorageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const downloads = useLibrary((s) => s.downloads);
  const load = useCallback(() => {
    call('library.storage', {}).then(setStorage, (err: unknown) => setError(err));
  }, []);
  // Reloaded whenever the set of downloads changes (a removal elsewhere, an update replacing a copy).
  const ids = Object.keys(downloads).sort().join(',');
  useEffect(load, [load, ids]);

  if (error !== null) return <ErrorNotice className="field-error" error={error} />;
  if (!storage) return <p className="loading">Measuring your downloads…</p>;
  return (
    <section aria-labelledby="storage-title" data-testid="storage-page">
      <h1 id="storage-title">Storage</h1>
      <p data-testid="storage-summary">
        Downloads use {formatBytes(storage.usedBytes, STORED)}; {formatBytes(storage.spareBytes, STORED)} free. They are stored encrypted in <code>{storage.libraryDir}</code>.
      </p>
      {storage.downloads.length === 0 ? (
        <p className="loading">Nothing downloaded.</p>
      ) : (
        <table className="storage-table">
          <thead>
            <tr>
              <th scope="col">Lecture</th>
              <th scope="col">Course</th>
              <th scope="col">Quality</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {storage.downloads.map((d) => (
              <tr key={d.id} data-testid="storage-row">
                <td dir="auto">{d.title}</td>
                <td dir="auto">
                  {d.courseTitle} <span className="muted">v{d.courseVersion}</span>
                </td>
                <td>{d.quality}</td>
                <td>{formatBytes(d.totalBytes, STORED)}</td>
                <td>
                  <button type="button" className="button button-danger-quiet" onClick={() => void downloadAction(() => call('downloads.remove', { downloadId: d.id }))} aria-label={`Remove ${d.title}`}>
                    Remove
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
