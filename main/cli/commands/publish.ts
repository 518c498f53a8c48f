import type { Command } from 'commander';
import type { PublishRun } from '../../contract/domains/publishing-types';
import type { EventSink } from '../../contract/events';
import { formatText } from '../../services/text/format-text';
import { cliLanguage } from '../cli-language';
import type { CliContext } from '../context';
import { resolveHub } from './hub';
import { runStateWord, storedErrorText } from '../status-words';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function runLine(r: PublishRun): string {
  const files = r.filesTotal ? `  ${r.filesDone - r.filesSkipped}/${r.filesTotal - r.filesSkipped} files uploaded, ${r.filesSkipped} already on the hub, ${mb(r.bytesDone)}/${mb(r.bytesTotal)}` : '';
  const version = r.version !== null ? ` v${r.version}` : '';
  return `${r.id}  ${r.state.padEnd(9)} ${r.courseTitle}${version} → ${r.hubName}${files}${r.error ? `\n    ${runError(r)}` : ''}`;
}

const runError = (r: PublishRun): string | null => (r.error ? storedErrorText(r.error, r.errorText) : null);

/** What a finished run prints on stdout; a run that did not finish sets a failing exit code. */
export function printRunOutcome(ctx: CliContext, run: PublishRun): void {
  ctx.print(run, () =>
    run.state === 'done'
      ? `Published “${run.courseTitle}” version ${run.version ?? '?'} to ${run.hubName}: ${run.filesDone - run.filesSkipped} files uploaded (${mb(run.bytesDone)}), ${run.filesSkipped} already on the hub.`
      : `${run.state === 'failed' ? 'Failed' : run.state === 'cancelled' ? 'Cancelled' : 'Stopped'}: ${runError(run) ?? run.state}${run.reason === 'credentials-expired' ? `\nUpdate the key: lectern hub update "${run.hubName}" (with fresh LECTERN_HUB_SECRET / LECTERN_HUB_SESSION_TOKEN)` : ''}\nResume or retry later with: lectern uploads ${run.state === 'paused' ? 'resume' : 'retry'} ${run.id}`,
  );
  if (run.state !== 'done') process.exitCode = 1;
}

/** Upload progress on stderr, at most once a second, so stdout stays clean for --json. */
export function publishProgressOnStderr(): EventSink {
  let last = 0;
  let lastError: string | null = null;
  return (name, payload) => {
    if (name !== 'publish.run') return;
    const run = payload as PublishRun;
    const now = Date.now();
    // A new "stalled; retrying" line is printed at once, not held back by the once-a-second limit.
    const newError = run.state === 'running' && run.error !== null && run.error !== lastError;
    lastError = run.error;
    if (newError) process.stderr.write(`publish running: ${run.error}\n`);
    if (newError || (run.state === 'running' && now - last < 1000)) return;
    last = now;
    const speed = run.state === 'running' && run.bytesPerSecond > 0 ? `, ${mb(run.bytesPerSecond)}/s${run.etaSeconds !== null ? `, ${run.etaSeconds}s left` : ''}` : '';
    const files = run.filesTotal ? ` ${run.filesDone}/${run.filesTotal} files (${run.filesSkipped} already there), ${mb(run.bytesDone)}/${mb(run.bytesTotal)}` : '';
    process.stderr.write(`publish ${runStateWord(run.state)}${files}${speed}\n`);
  };
}

export function registerPublishCommand(program: Command, ctx: CliContext): void {
  program
    .command('publish')
    .description('publish a course draft to a hub (pre-publish check first; progress on stderr, summary on stdout)')
    .argument('<course-id>', 'course id (see: lectern courses list)')
    .option('--hub <hub>', 'hub id or name (default: the only hub)')
    .option('--check', 'only run the pre-publish check')
    .option('--unpublish', "remove the course from the hub's catalog (students who have it keep it)")
    .option('--gc', 'delete old versions and the media only they use')
    .option('--limit <MB/s>', 'cap the upload speed, in megabytes per second', (v) => Number.parseFloat(v))
    .option('--keep <n>', 'with --gc: versions to keep, the current one included (default 2)', (v) => Number.parseInt(v, 10))
    .action(async (courseId: string, o: { hub?: string; check?: boolean; unpublish?: boolean; gc?: boolean; keep?: number; limit?: number }) => {
      if (o.unpublish || o.gc) {
        const hub = await resolveHub(ctx, o.hub);
        if (o.unpublish) {
          const r = await ctx.call('publish.unpublish', { courseId, hubId: hub.id });
          ctx.print(r, () => (r.removed ? `Removed the course from the catalog of ${hub.name}.` : `The course was not in the catalog of ${hub.name}.`));
        } else {
          const r = await ctx.call('publish.gc', { courseId, hubId: hub.id, ...(o.keep !== undefined ? { keepVersions: o.keep } : {}) });
          ctx.print(r, () => `Kept versions ${r.keptVersions.join(', ')}; deleted ${r.deleted} files (${mb(r.bytesFreed)})${r.spared ? `; ${r.spared} newer than a day left in place` : ''}.`);
        }
        return;
      }
      const check = await ctx.call('publish.check', { courseId });
      if (o.check || !check.ok) {
        ctx.print(check, () => (check.ok ? `Ready to publish: ${check.lectureCount} lectures.` : `Not ready to publish:\n${check.problems.map((p) => `  - ${p.text ? formatText(p.text, cliLanguage()) : p.message}`).join('\n')}`));
        if (!check.ok) process.exitCode = 1;
        return;
      }
      const hub = await resolveHub(ctx, o.hub);
      const limit = o.limit !== undefined ? { bandwidthLimit: Math.round(o.limit * 1024 * 1024) } : {};
      printRunOutcome(ctx, await ctx.call('publish.start', { courseId, hubId: hub.id, wait: true, ...limit }));
    });
}
