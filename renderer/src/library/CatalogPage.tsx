import { useState } from 'react';
import type { LibraryHub } from '../../../main/contract/domains/library';
import { describeError } from '../errors/error-text';
import { call } from '../ipc';
import { ContinueWatching } from '../player/ContinueWatching';
import { useNotices } from '../state/notices-store';
import { ErrorDetails, ErrorNotice } from '../ui/ErrorNotice';
import { AddHubForm } from './AddHubForm';
import { formatDuration, formatWhen, translate } from '../i18n/format';
import { ACCESS_PROBLEM_KEY } from './status-keys';
import { useT } from '../i18n/use-t';
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
  const t = useT();

  if (!catalog) return <p className="loading">{t('library.catalog.loading')}</p>;
  if (catalog.hubs.length === 0) {
    return (
      <section className="library-empty" data-testid="library-empty">
        <h1>{t('library.empty.title')}</h1>
        <p>{t('library.empty.body')}</p>
        <AddHubForm />
      </section>
    );
  }

  return (
    <section aria-labelledby="catalog-title">
      <div className="library-header">
        <h1 id="catalog-title">{t('library.nav.catalog')}</h1>
        <button type="button" className="button" onClick={() => void refresh()} disabled={refreshing} data-testid="catalog-refresh">
          {refreshing ? t('library.catalog.refreshing') : t('library.catalog.refresh')}
        </button>
      </div>
      {catalog.hubs.map((h) => (
        <HubBanner key={h.id} hub={h} />
      ))}
      <ContinueWatching onPlay={(item) => show({ kind: 'player', downloadId: item.downloadId, back: { kind: 'catalog' } })} />
      <label className="field library-search">
        <span className="field-label">{t('library.search.label')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('library.search.placeholder')} data-testid="catalog-search" />
      </label>
      {catalog.loading && (
        <p className="muted" role="status" data-testid="catalog-loading">
          {t('library.search.loading', { searched: catalog.loading.searched, total: catalog.loading.total })}
        </p>
      )}
      {catalog.courses.length === 0 ? (
        <p className="loading">{query ? t('library.search.noMatch', { query }) : t('library.catalog.noCourses')}</p>
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
                {t('library.card.lectures', { count: c.lectureCount ?? '?', duration: formatDuration(c.durationSec) })}
                {c.tags.length > 0 && ` · ${c.tags.join(', ')}`}
                {c.downloadedLectures > 0 && t('library.card.downloaded', { count: c.downloadedLectures })}
              </p>
              {c.updateAvailable && (
                <p className="badge" data-testid="update-badge">
                  {t('library.card.update')}
                </p>
              )}
              <button type="button" className="button button-primary" onClick={() => show({ kind: 'course', hubId: c.hubId, courseId: c.courseId })} aria-label={t('library.card.openLabel', { title: c.title })}>
                {t('library.card.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {catalog.total > catalog.courses.length && (
        <p className="catalog-more">
          <span className="muted" data-testid="catalog-count">
            {t('library.catalog.count', { shown: catalog.courses.length, total: catalog.total })}
          </span>{' '}
          <button type="button" className="button" onClick={showMore} data-testid="catalog-more">
            {t('library.catalog.more')}
          </button>
        </p>
      )}
      <details className="library-hubs">
        <summary>{t('library.hubs.summary', { count: catalog.hubs.length })}</summary>
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
  const t = useT();
  if (hub.accessProblem) {
    // Not offline: the hub answered and refused. New credentials fix it, so they are offered right here.
    return (
      <div className="library-banner" data-testid="hub-access-banner">
        <p role="status">
          {t('library.hub.accessProblem', { hub: hub.name, problem: t(ACCESS_PROBLEM_KEY[hub.accessProblem]) })} {hub.fetchedAt === null ? '' : t('library.hub.showingFrom', { when: formatWhen(hub.fetchedAt) })}
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
          {hub.fetchedAt === null ? t('library.hub.offlineNoCache', { hub: hub.name }) : t('library.hub.offlineCached', { hub: hub.name, when: formatWhen(hub.fetchedAt) })}{' '}
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

function HubRow({ hub }: { hub: LibraryHub }) {
  const load = useLibrary((s) => s.load);
  const t = useT();
  const remove = async () => {
    try {
      await call('library.removeHub', { hubId: hub.id });
      await load();
    } catch (err) {
      useNotices.getState().pushError(translate('library.hub.removeFailed', { hub: hub.name }), err, { context: { hub: hub.name } });
    }
  };
  return (
    <li className="library-hub-row">
      <span>
        {hub.name} <span className="muted">{hub.baseUrl}</span>
        {hub.auth === 's3-credentials' && (
          <span className="muted" data-testid="hub-auth">
            {t('library.hub.readWithKey', { key: hub.accessKeyId ?? '' })}
            {hub.sessionExpiresAt !== null && t('library.hub.sessionUntil', { when: formatWhen(hub.sessionExpiresAt) })}
          </span>
        )}
      </span>
      <UpdateCredentialsAction hub={hub}>
        <button type="button" className="button button-danger-quiet" onClick={() => void remove()} aria-label={t('library.hub.removeLabel', { hub: hub.name })}>
          {t('library.remove')}
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
