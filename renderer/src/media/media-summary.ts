import { formatPercent, translate } from '../i18n/format';
import { latestJobs } from './latest-jobs';
import type { MediaTranslate } from './media-format';
import type { LectureMediaEntry } from './media-store';

export type SummaryTone = 'muted' | 'busy' | 'ok' | 'problem';

/** The one-word state of a lecture's video for its row in the outline, e.g. "Building 45%". */
export function summarize(entry: LectureMediaEntry, t: MediaTranslate = translate): { text: string; tone: SummaryTone } {
  if (entry.importing !== null) return { text: t('media.summary.checking'), tone: 'busy' };
  if (entry.problem) return { text: t('media.summary.problem'), tone: 'problem' };
  const media = entry.media;
  if (!media) return { text: t('media.summary.video'), tone: 'muted' };
  const jobs = latestJobs(media.jobs);
  if (jobs.some((j) => j.status === 'failed')) return { text: t('media.summary.failed'), tone: 'problem' };
  const running = jobs.find((j) => j.status === 'running');
  if (running) return { text: t('media.summary.building', { percent: formatPercent(Math.floor(running.percent)) }), tone: 'busy' };
  if (jobs.some((j) => j.status === 'queued')) return { text: t('media.summary.queued'), tone: 'busy' };
  if (!media.source) return { text: t('media.summary.noVideo'), tone: 'muted' };
  if (media.ladder) return { text: t('media.summary.ready'), tone: 'ok' };
  return { text: t('media.summary.notBuilt'), tone: 'muted' };
}
