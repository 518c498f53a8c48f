import { latestJobs } from './latest-jobs';
import type { LectureMediaEntry } from './media-store';

export type SummaryTone = 'muted' | 'busy' | 'ok' | 'problem';

/** The one-word state of a lecture's video for its row in the outline, e.g. "Building 45%". */
export function summarize(entry: LectureMediaEntry): { text: string; tone: SummaryTone } {
  if (entry.importing !== null) return { text: 'Checking…', tone: 'busy' };
  if (entry.problem) return { text: 'Problem', tone: 'problem' };
  const media = entry.media;
  if (!media) return { text: 'Video', tone: 'muted' };
  const jobs = latestJobs(media.jobs);
  if (jobs.some((j) => j.status === 'failed')) return { text: 'Failed', tone: 'problem' };
  const running = jobs.find((j) => j.status === 'running');
  if (running) return { text: `Building ${Math.floor(running.percent)}%`, tone: 'busy' };
  if (jobs.some((j) => j.status === 'queued')) return { text: 'Queued', tone: 'busy' };
  if (!media.source) return { text: 'No video', tone: 'muted' };
  if (media.ladder) return { text: 'Video ready', tone: 'ok' };
  return { text: 'Not built', tone: 'muted' };
}
