import { useState } from 'react';
import type { LibraryHub } from '../../../main/contract/domains/library';
import { describeError } from '../errors/error-text';
import { call } from '../ipc';
import { ContinueWatching } from '../player/ContinueWatching';
import { useNotices } from '../state/notices-store';
import { ErrorDetails, ErrorNotice } from '../ui/ErrorNotice';
import { AddHubForm } from './AddHubForm';
import { formatDuration, formatWhen } from '../i18n/format';
import { useLibrary } from './library-store';
import { UpdateCredentialsAction } from './UpdateHubCredentials';

/** Every hub's courses, searchable; an "Add a hub" form when there is none yet. */
export function CatalogPage() {
  const catalog = useLibrary((s) => s.catalog);
  const query = useLibrary((s) => s.query);
  const setQuery = useLibrary((s) => s.setQuery);
  const refreshing = useLibrary((s) => s.refreshing);
  const refresh = useLibrary((s) => s.refresh);
  const show = useLibrary((s) => s.show);
  const showMore = useLibrary((s) => s.showMore);

  if (!catalog) return <p className="loading">Loading the catalog…</p>;
  if (catalog.hubs.length === 0) {
    return (
      <section className="library-empty" data-testid="library-empty">
        <h1>Add a hub</h1>
        <p>
          A hub is where instructors publish their courses. Paste the address your instructor gave you (it starts with https://), and its
          courses appear here. Once you download a course you can watch it without a connection.
        </p>
        <AddHubForm />
      </section>
    );
  }

  return (
    <section aria-labelledby="catalog-title">
      <div className="library-header">
        <h1 id="catalog-title">Catalog</h1>
        <button type="button" className="button" onClick={() => void refresh()} disabled={refreshing} data-testid="catalog-refresh">
          {refreshing ? 'Checking hubs…' : 'Check for new courses'}
        </button>
      </div>
      {catalog.hubs.map((h) => (
        <HubBanner key={h.id} hub={h} />
      ))}
      <ContinueWatching onPlay={(item) => show({ kind: 'player', downloadId: item.downloadId, back: { kind: 'catalog' } })} />
      <label className="field library-search">
        <span className="field-label">Search courses</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Title, subtitle or tag" data-testid="catalog-search" />
      </label>
      {catalog.loading && (
        <p className="muted" role="status" data-testid="catalog-loading">
          Searching {catalog.loading.searched.toLocaleString()} of {catalog.loading.total.toLocaleString()} courses… the rest are still loading.
        </p>
      )}
      {catalog.courses.length === 0 ? (
        <p className="loading">{query ? `No course matches “${query}”.` : 'These hubs have not published any course yet.'}</p>
      ) : (
        <ul className="catalog-list" data-testid="catalog-list">
          {catalog.courses.map((c) => (
            <li key={`${c.hubId}/${c.courseId}`} className="catalog-card" data-testid="catalog-course">
              <CardCover path={c.coverPath} />
              <h2 className="catalog-card-title" dir="auto">
                {c.title}
              </h2>
              {c.subtitle && (
                <p className="catalog-card-subtitle" dir="auto">
                  {c.subtitle}
                </p>
              )}
              <p className="catalog-card-meta">
                {c.lectureCount ?? '?'} lectures · {formatDuration(c.durationSec)}
                {c.tags.length > 0 && ` · ${c.tags.join(', ')}`}
                {c.downloadedLectures > 0 && ` · ${c.downloadedLectures} downloaded`}
              </p>
              {c.updateAvailable && (
                <p className="badge" data-testid="update-badge">
                  Update available
                </p>
              )}
              <button type="button" className="button button-primary" onClick={() => show({ kind: 'course', hubId: c.hubId, courseId: c.courseId })} aria-label={`Open ${c.title}`}>
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
      {catalog.total > catalog.courses.length && (
        <p className="catalog-more">
          <span className="muted" data-testid="catalog-count">
            {catalog.courses.length} of {catalog.total} courses
          </span>{' '}
          <button type="button" className="button" onClick={showMore} data-testid="catalog-more">
            Show more
          </button>
        </p>
      )}
      <details className="library-hubs">
        <summary>Hubs ({catalog.hubs.length})</summary>
        <ul>
          {catalog.hubs.map((h) => (
            <HubRow key={h.id} hub={h} />
          ))}
        </ul>
        <AddHubForm />
      </details>
    </section>
  );
}

/** What to do about an offline hub, when its error says more than "offline". */
function offlineHint(error: string | null, hub: string): string {
  return error && describeError(error).failure ? describeError(error, { hub }).sentence : '';
}

function HubBanner({ hub }: { hub: LibraryHub }) {
  if (hub.accessProblem) {
    // Not offline: the hub answered and refused. New credentials fix it, so they are offered right here.
    return (
      <div className="library-banner" data-testid="hub-access-banner">
        <p role="status">
          {hub.name}: {ACCESS_PROBLEM[hub.accessProblem]} {hub.fetchedAt === null ? '' : `Showing the catalog from ${formatWhen(hub.fetchedAt)}.`}
        </p>
        {hub.error && <ErrorDetails text={hub.error} />}
        <UpdateCredentialsAction hub={hub} />
      </div>
    );
  }
  if (hub.offline) {
    return (
      <div className="library-banner" role="status" data-testid="offline-banner">
        <p>
          {hub.name} is offline — {hub.fetchedAt === null ? 'no catalog saved yet.' : `showing the catalog from ${formatWhen(hub.fetchedAt)}.`}{' '}
          {offlineHint(hub.error, hub.name)}
        </p>
        {hub.error && <ErrorDetails text={hub.error} />}
      </div>
    );
  }
  if (hub.error) {
    return (
      <ErrorNotice className="library-banner" error={hub.error} context={{ hub: hub.name }} />
    );
  }
  return null;
}

const ACCESS_PROBLEM: Record<NonNullable<LibraryHub['accessProblem']>, string> = {
  'credentials-expired': 'its credentials expired.',
  'credentials-refused': 'the hub refused its credentials.',
  'credentials-missing': 'its secret key is missing from the system keychain.',
  'needs-credentials': 'the hub no longer answers without credentials.',
};

function HubRow({ hub }: { hub: LibraryHub }) {
  const load = useLibrary((s) => s.load);
  const remove = async () => {
    try {
      await call('library.removeHub', { hubId: hub.id });
      await load();
    } catch (err) {
      useNotices.getState().pushError(`Couldn't remove “${hub.name}”.`, err, { context: { hub: hub.name } });
    }
  };
  return (
    <li className="library-hub-row">
      <span>
        {hub.name} <span className="muted">{hub.baseUrl}</span>
        {hub.auth === 's3-credentials' && (
          <span className="muted" data-testid="hub-auth">
            {' '}
            · read with key {hub.accessKeyId}
            {hub.sessionExpiresAt !== null && `, session until ${formatWhen(hub.sessionExpiresAt)}`}
          </span>
        )}
      </span>
      <UpdateCredentialsAction hub={hub}>
        <button type="button" className="button button-danger-quiet" onClick={() => void remove()} aria-label={`Remove hub ${hub.name}`}>
          Remove
        </button>
      </UpdateCredentialsAction>
    </li>
  );
}

/** The course's cover (else its first lecture's poster), fetched from the hub on demand: offline there is simply none. */
function CardCover({ path }: { path: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!path || failed) return <div className="catalog-card-cover catalog-card-cover-empty" aria-hidden="true" />;
  return <img className="catalog-card-cover" src={path} alt="" onError={() => setFailed(true)} data-testid="catalog-cover" />;
}
