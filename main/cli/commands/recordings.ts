import type { Command } from 'commander';
import type { RecordingTake } from '../../contract/types';
import type { CliContext } from '../context';
import { storedErrorText } from '../status-words';

export function registerRecordingCommands(program: Command, ctx: CliContext): void {
  const recordings = program.command('recordings').description('recorded takes: list them, recover or discard takes a crash left unfinished');

  recordings
    .command('list')
    .description('takes of a lecture, or every take (unfinished ones are marked)')
    .option('--lecture <id>', 'only this lecture\'s takes')
    .action(async (opts: { lecture?: string }) => {
      const takes = await ctx.call('recordings.list', opts.lecture ? { lectureId: opts.lecture } : {});
      ctx.print(takes, () => (takes.length ? takes.map(takeLine).join('\n') : 'No takes.'));
    });

  recordings
    .command('recover')
    .description("finalise what an unfinished take wrote and make it the lecture's video")
    .argument('<take-id>', 'take id (see: lectern recordings list)')
    .action(async (takeId: string) => {
      const take = await ctx.call('recordings.recover', { takeId });
      ctx.print(take, () => `${takeLine(take)}${take.state === 'ready' ? `\nRecovered. Build its media with: lectern media build ${take.lectureId} --wait` : ''}`);
      if (take.state !== 'ready') process.exitCode = 1;
    });

  recordings
    .command('discard')
    .description('delete an unfinished take and its files for good')
    .argument('<take-id>', 'take id (see: lectern recordings list)')
    .action(async (takeId: string) => {
      const result = await ctx.call('recordings.discard', { takeId });
      ctx.print(result, () => `Discarded take ${takeId}.`);
    });
}

function takeLine(t: RecordingTake): string {
  const size = `${(t.bytes / 1_000_000).toFixed(1)} MB`;
  const flags = [t.inUse ? 'in use' : '', t.trim ? `trim ${t.trim.startSec}–${t.trim.endSec} s (${t.trim.state})` : ''].filter(Boolean).join(', ');
  return `${t.id}  ${t.state.padEnd(10)} ${t.durationSec.toFixed(1).padStart(7)} s  ${size.padStart(9)}  lecture ${t.lectureId}  "${t.name}"${flags ? `  ${flags}` : ''}${t.error ? `\n    ${storedErrorText(t.error, t.errorText)}` : ''}`;
}
