import { useEffect } from 'react';
import { Notices } from '../ui/Notices';
import { CatalogPage } from './CatalogPage';
import { CoursePage } from './CoursePage';
import { DownloadsPage } from './DownloadsPage';
import { followDownloads, useLibrary, type LibraryPage } from './library-store';
import { PlayerPage, PreviewPage } from './PlayerPage';
import { StoragePage } from './StoragePage';
import { useT } from '../i18n/use-t';
import type { MessageKey } from '../i18n/catalogs';
import './library.css';

const SECTIONS: { kind: 'catalog' | 'downloads' | 'storage'; label: MessageKey }[] = [
  { kind: 'catalog', label: 'library.nav.catalog' },
  { kind: 'downloads', label: 'library.nav.downloads' },
  { kind: 'storage', label: 'library.nav.storage' },
];

/** The student's library: browse hubs' catalogs, download courses, manage storage and watch offline. */
export function LibraryArea() {
  const page = useLibrary((s) => s.page);
  const show = useLibrary((s) => s.show);
  const load = useLibrary((s) => s.load);
  const t = useT();

  useEffect(() => {
    void load();
    return followDownloads();
  }, [load]);

  const playing = page.kind === 'player' || page.kind === 'preview';
  const current = page.kind === 'course' ? 'catalog' : playing ? null : page.kind;
  return (
    <main className={playing ? 'workspace library library-playing' : 'workspace library'} aria-label={t('area.library')}>
      <Notices />
      <nav className="library-nav" aria-label={t('library.sections')}>
        {SECTIONS.map((s) => (
          <button
            key={s.kind}
            type="button"
            className="library-nav-item"
            aria-current={current === s.kind ? 'page' : undefined}
            onClick={() => show({ kind: s.kind })}
            data-testid={`library-nav-${s.kind}`}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <LibraryContent page={page} />
    </main>
  );
}

function LibraryContent({ page }: { page: LibraryPage }) {
  switch (page.kind) {
    case 'catalog':
      return <CatalogPage />;
    case 'course':
      return <CoursePage key={`${page.hubId}/${page.courseId}`} hubId={page.hubId} courseId={page.courseId} />;
    case 'downloads':
      return <DownloadsPage />;
    case 'storage':
      return <StoragePage />;
    case 'player':
      return <PlayerPage key={page.downloadId} downloadId={page.downloadId} back={page.back} />;
    case 'preview':
      return <PreviewPage key={page.src} src={page.src} title={page.title} back={page.back} />;
  }
}
