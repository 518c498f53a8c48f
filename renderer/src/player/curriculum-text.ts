import type { MessageKey } from '../i18n/catalogs';
import { formatPercent } from '../i18n/format';
import type { Translate } from '../i18n/use-t';
import type { CopyState, WatchState } from './curriculum';

const WATCH_KEY: Readonly<Record<WatchState['kind'], MessageKey>> = {
  watched: 'player.watch.watched',
  partial: 'player.watch.partial',
  unwatched: 'player.watch.unwatched',
};

/** "watched", "40% watched", "not watched yet", in the active language. */
export function watchText(w: WatchState, t: Translate): string {
  return t(WATCH_KEY[w.kind], w.kind === 'partial' ? { percent: formatPercent(w.percent) } : undefined);
}

/** Whether a lecture is on this computer ("Downloaded", "Downloading 40%"…), or "Playing now" for the current one. */
export function copyText(copy: CopyState, current: boolean, t: Translate): string {
  if (current) return t('player.copy.playing');
  switch (copy.kind) {
    case 'downloaded':
      return t('player.copy.downloaded');
    case 'downloading':
      return t('player.copy.downloading', { percent: formatPercent(copy.percent) });
    case 'failed':
      return t('player.copy.failed');
    case 'none':
      return t('player.notDownloaded');
  }
}
