import { create } from 'zustand';
import type { CatalogView, DownloadItem, DownloadProgress } from '../../../main/contract/domains/library';
import { call, subscribe } from '../ipc';
import { useNotices } from '../state/notices-store';
import { activeLocale } from '../i18n/active-locale';

/** Which page of the library is showing; the course page and the player carry what they show. */
export type LibraryPage =
  | { kind: 'catalog' }
  | { kind: 'course'; hubId: string; courseId: string }
  | { kind: 'downloads' }
  | { kind: 'storage' }
  | { kind: 'player'; downloadId: string; back: LibraryPage }
  | { kind: 'preview'; src: string; title: string; back: LibraryPage };

/** Cards listed at first and added by each "Show more": a hub can list 100,000 courses. */
export const CARDS_PER_PAGE = 60;

interface LibraryState {
  page: LibraryPage;
  query: string;
  /** How many cards are listed (grows with "Show more", back to one page with a new query). */
  limit: number;
  catalog: CatalogView | null;
  /** True while the hubs are being fetched. */
  refreshing: boolean;
  downloads: Record<string, DownloadItem>;
  show(page: LibraryPage): void;
  setQuery(query: string): void;
  showMore(): void;
  /** Cached catalog at once, then the hubs over the network. */
  load(): Promise<void>;
  refresh(): Promise<void>;
  reloadDownloads(): Promise<void>;
}

const byId = (items: DownloadItem[]) => Object.fromEntries(items.map((d) => [d.id, d]));

export const useLibrary = create<LibraryState>()((set, get) => ({
  page: { kind: 'catalog' },
  query: '',
  limit: CARDS_PER_PAGE,
  catalog: null,
  refreshing: false,
  downloads: {},
  show: (page) => set({ page }),
  setQuery(query) {
    set({ query, limit: CARDS_PER_PAGE });
    call('catalog.list', { query, limit: CARDS_PER_PAGE, locale: activeLocale() }).then(
      (catalog) => get().query === query && set({ catalog }),
      (err: unknown) => useNotices.getState().pushError(null, err),
    );
  },
  showMore() {
    const { query } = get();
    const limit = get().limit + CARDS_PER_PAGE;
    set({ limit });
    call('catalog.list', { query, limit, locale: activeLocale() }).then(
      (catalog) => get().query === query && get().limit === limit && set({ catalog }),
      (err: unknown) => useNotices.getState().pushError(null, err),
    );
  },
  async load() {
    try {
      const [catalog, downloads] = await Promise.all([call('catalog.list', { query: get().query, limit: get().limit, locale: activeLocale() }), call('downloads.list', {})]);
      set({ catalog, downloads: byId(downloads) });
    } catch (err) {
      useNotices.getState().pushError(null, err);
    }
    await get().refresh();
  },
  async refresh() {
    if (get().refreshing) return;
    set({ refreshing: true });
    const relist = async () => set({ catalog: await call('catalog.list', { query: get().query, limit: get().limit, locale: activeLocale() }) });
    try {
      // The first cards first: the index and one page of each hub (an unchanged hub answers 304), then the rest.
      await call('catalog.refresh', { firstPageOnly: true });
      await relist();
      await call('catalog.refresh', {});
      await relist();
    } catch (err) {
      useNotices.getState().pushError(null, err);
    } finally {
      set({ refreshing: false });
    }
  },
  async reloadDownloads() {
    try {
      set({ downloads: byId(await call('downloads.list', {})) });
    } catch (err) {
      useNotices.getState().pushError(null, err);
    }
  },
}));

/** Keeps the download list live from main's events; returns the unsubscribe. */
export function followDownloads(): () => void {
  const progress = (p: DownloadProgress) =>
    useLibrary.setState((s) => {
      const d = s.downloads[p.id];
      return d ? { downloads: { ...s.downloads, [p.id]: { ...d, ...p } } } : s;
    });
  const offs = [
    subscribe('downloads.progress', progress),
    subscribe('downloads.state', (d) => useLibrary.setState((s) => ({ downloads: { ...s.downloads, [d.id]: d } }))),
    subscribe('downloads.removed', ({ id }) =>
      useLibrary.setState((s) => {
        const { [id]: _gone, ...rest } = s.downloads;
        return { downloads: rest };
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}
