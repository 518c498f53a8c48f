import type { Command } from 'commander';
import { CliError, type CliContext } from '../context';
import { printRunOutcome, runLine } from './publish';

export function registerUploadCommands(program: Command, ctx: CliContext): void {
  const uploads = program.command('uploads').description('the upload queue: publish runs');

  uploads
    .command('list')
    .description('every publish run, newest first')
    .action(async () => {
      const runs = await ctx.call('publish.runs', {});
      ctx.print(runs, () => (runs.length === 0 ? 'No uploads yet. Publish a course with: lectern publish <course-id>' : runs.map(runLine).join('\n')));
    });

  uploads
    .command('resume')
    .description('resume a paused or interrupted publish (or retry a failed one) and wait for it')
    .argument('<run-id>', 'run id (see: lectern uploads list)')
    .action(async (runId: string) => {
      const runs = await ctx.call('publish.runs', {});
      const run = runs.find((r) => r.id === runId);
      if (!run) throw new CliError(`There is no upload ${runId}. See: lectern uploads list`);
      const again = run.state === 'failed' || run.state === 'cancelled' ? 'uploads.retry' : 'uploads.resume';
      printRunOutcome(ctx, await ctx.call(again, { runId, wait: true }));
    });

  uploads
    .command('cancel')
    .description('cancel a publish; unfinished uploads are aborted on the hub, its current version stays')
    .argument('<run-id>', 'run id')
    .action(async (runId: string) => {
      const run = await ctx.call('uploads.cancel', { runId });
      ctx.print(run, () => runLine(run));
    });
}
