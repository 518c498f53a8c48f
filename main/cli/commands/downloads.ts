import type { Command } from 'commander';
import type { DownloadItem, DownloadProgress } from '../../contract/domains/library';
import type { EventSink } from '../../contract/events';
import { downloadSummary } from '../../services/library/refusals';
import { cliLanguage } from '../cli-language';
import { formatText } from '../../services/text/format-text';
import { CliError, type CliContext } from '../context';
import { findCourse } from './catalog';

/** The Electron app's origin (main/electron/security-policy.ts); `npm run host` serves the same paths on its own. */
const APP_ORIGIN = 'lectern://app';

/** `lectern download`, `lectern downloads list|verify|remove` and `lectern play-url`. */
export function registerDownloadCommands(program: Command, ctx: CliContext): void {
  program
    .command('download')
    .description('download a course (or one lecture) for offline viewing; progress on stderr')
    .argument('<course-id>', 'course id (see: lectern catalog)')
    .option('--lecture <id>', 'only this lecture')
    .option('--quality <q>', 'best, fits (the best that fits the disk), a height such as 720p, several such as 720,360 (switchable in the player) or all', 'best')
    .action(async (courseId: string, opts: { lecture?: string; quality: string }) => {
      const ref = { ...(await findCourse(ctx, courseId)), ...(opts.lecture ? { lectureId: opts.lecture } : {}) };
      const plan = await ctx.call('downloads.plan', { ...ref, quality: parseQuality(opts.quality) });
      process.stderr.write(`${plan.items.length} lecture(s), ${formatBytes(plan.totalBytes)}; ${formatBytes(plan.spareBytes)} free\n`);
      if (!plan.fits) throw new CliError(`"${plan.courseTitle}" needs ${formatBytes(plan.totalBytes)} but only ${formatBytes(plan.spareBytes)} is free. Try --quality fits or a lower height.`);
      const started = await ctx.call('downloads.start', { ...ref, height: plan.height, ...(plan.heights ? { heights: plan.heights } : {}), wait: true });
      const items = await ctx.call('downloads.list', {});
      const done = items.filter((d) => started.some((s) => s.id === d.id));
      ctx.print(done, () => done.map(line).join('\n'));
      if (!ref.lectureId) {
        const refused = [
          ...plan.skipped.filter((s) => s.reason.startsWith('refused: ')).map((s) => ({ title: s.title, reason: s.reason.slice('refused: '.length) })),
          ...plan.items.filter((i) => !done.some((d) => d.lectureId === i.lectureId)).map((i) => ({ title: i.title, reason: 'it could not be queued (see the log)' })),
        ];
        process.stderr.write(`${downloadSummary(done.filter((d) => d.state === 'completed').length, refused, cliLanguage())}\n`);
      }
      if (done.some((d) => d.state !== 'completed')) throw new CliError('Some lectures did not finish downloading; run the command again to resume them.');
    });

  const downloads = program.command('downloads').description('downloaded lectures');
  downloads
    .command('list')
    .description('every download with its state and size')
    .action(async () => {
      const list = await ctx.call('downloads.list', {});
      ctx.print(list, () => (list.length === 0 ? 'Nothing downloaded. Try: lectern download <course-id>' : list.map(line).join('\n')));
    });
  downloads
    .command('verify')
    .description('re-read every stored file against the manifest; damaged files are fetched again on resume')
    .argument('<download-id>', 'download id (see: lectern downloads list)')
    .action(async (downloadId: string) => {
      const report = await ctx.call('downloads.verify', { downloadId });
      ctx.print(report, () => (report.refetch === 0 ? `All ${report.checked} files are intact.` : `${report.refetch} of ${report.checked} files were damaged and are queued again.`));
      if (report.refetch > 0) throw new CliError('The download is damaged; `lectern download` the course again to fetch the damaged files.', 2);
    });
  downloads
    .command('remove')
    .description('delete a download, its files and its key')
    .argument('<download-id>', 'download id (see: lectern downloads list)')
    .action(async (downloadId: string) => {
      const left = await ctx.call('downloads.remove', { downloadId });
      ctx.print(left, () => `Removed ${downloadId}.`);
    });

  program
    .command('play-url')
    .description("print the app-origin URL of a downloaded lecture's playlist (for debugging)")
    .argument('<lecture>', 'lecture id or download id')
    .option('--origin <origin>', 'the origin serving /media/ (the test host prints its own)', APP_ORIGIN)
    .action(async (lecture: string, opts: { origin: string }) => {
      const list = await ctx.call('downloads.list', {});
      const match = list
        .filter((d) => (d.id === lecture || d.lectureId === lecture) && d.state === 'completed')
        .sort((a, b) => b.courseVersion - a.courseVersion)[0];
      if (!match) throw new CliError(`No completed download of "${lecture}". See: lectern downloads list`);
      const url = `${opts.origin.replace(/\/+$/, '')}${match.playlistPath}`;
      ctx.print({ url, downloadId: match.id }, () => url);
    });
}

/** Download progress on stderr, at the rate the manager reports it (a few times a second). */
export function downloadProgressOnStderr(): EventSink {
  return (name, payload) => {
    if (name === 'downloads.progress') {
      const p = payload as DownloadProgress;
      process.stderr.write(`${p.id.slice(0, 8)}  ${p.filesDone}/${p.filesTotal} files  ${formatBytes(p.doneBytes)} of ${formatBytes(p.totalBytes)}\n`);
    } else if (name === 'downloads.state') {
      const d = payload as DownloadItem;
      const { state, error } = said(d, cliLanguage());
      process.stderr.write(`${d.id.slice(0, 8)}  ${d.title}: ${state}${error ? ` (${error})` : ''}\n`);
    }
  };
}

/** `best`, `fits`, `all`, `720p`, or a comma-separated list of heights (`720,360p`) to keep several. */
export function parseQuality(q: string): 'best' | 'fits' | 'all' | number | number[] {
  if (q === 'best' || q === 'fits' || q === 'all') return q;
  const parts = q.split(',').map((p) => p.trim());
  const heights = parts.map((p) => /^(\d{2,4})p?$/.exec(p)?.[1]).map(Number);
  if (parts.length > 16 || heights.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new CliError(`--quality must be best, fits, all, a height such as 720p or up to 16 heights such as 720,360, not "${q}".`);
  }
  return heights.length === 1 ? (heights[0] as number) : [...new Set(heights)];
}

function line(d: DownloadItem): string {
  const size = d.state === 'completed' ? formatBytes(d.totalBytes) : `${formatBytes(d.doneBytes)} of ${formatBytes(d.totalBytes)}`;
  const { state, error } = said(d, cliLanguage());
  return `${d.id}  ${d.courseId}/${d.lectureId} v${d.courseVersion}  ${d.title}  ${d.quality}  ${state}  ${size}${error ? `  ${error}` : ''}`;
}

/** A download's state word and error in the terminal's language (English: exactly as stored). */
function said(d: DownloadItem, language: string): { state: string; error: string | null } {
  if (language === 'en') return { state: d.state, error: d.error };
  return { state: formatText({ key: 'svc.downloads.state', values: { state: d.state } }, language), error: d.error && d.errorText ? formatText(d.errorText, language) : d.error };
}

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
