import type { LectureMedia, MediaJob, MediaJobKind } from '../../../main/contract/types';

const ORDER: readonly MediaJobKind[] = ['poster', 'storyboard', 'ladder', 'preview'];

/** The newest job of each kind, in build order: older runs of the same kind are history, not state. */
export function latestJobs(jobs: readonly MediaJob[]): MediaJob[] {
  const newest = new Map<MediaJobKind, MediaJob>();
  for (const job of jobs) {
    const seen = newest.get(job.kind);
    if (!seen || job.createdAt >= seen.createdAt) newest.set(job.kind, job);
  }
  return ORDER.flatMap((kind) => newest.get(kind) ?? []);
}

/** Puts an updated job in its place (or adds a new one), keeping creation order. */
export function withJob(jobs: readonly MediaJob[], job: MediaJob): MediaJob[] {
  const at = jobs.findIndex((j) => j.id === job.id);
  if (at === -1) return [...jobs, job];
  return jobs.map((j, i) => (i === at ? job : j));
}

/** When an output was last finished (or the source imported): the version in its URL (see mediaUrl). */
export function outputVersion(media: LectureMedia, kind: MediaJobKind): number {
  const done = media.jobs.filter((j) => j.kind === kind && j.status === 'done').map((j) => j.finishedAt ?? 0);
  return Math.max(media.source?.importedAt ?? 0, ...done);
}

const FINISHED = new Set<MediaJob['status']>(['done', 'failed', 'cancelled']);

/**
 * Of two views of the same job, the later one. A `media.get` answer can be overtaken by events sent
 * while it travelled; a job never goes back from finished, nor does a running job's percent drop.
 */
export function laterJob(a: MediaJob, b: MediaJob): MediaJob {
  const aDone = FINISHED.has(a.status);
  const bDone = FINISHED.has(b.status);
  if (aDone !== bDone) return aDone ? a : b;
  if (a.status === 'running' && b.status === 'queued') return a;
  if (b.status === 'running' && a.status === 'queued') return b;
  return b.percent >= a.percent ? b : a;
}

/** A fetched job list, with each job replaced by a newer view already held. */
export function mergeJobs(fetched: readonly MediaJob[], held: readonly MediaJob[]): MediaJob[] {
  const byId = new Map(held.map((j) => [j.id, j]));
  return fetched.map((j) => {
    const mine = byId.get(j.id);
    return mine ? laterJob(mine, j) : j;
  });
}
