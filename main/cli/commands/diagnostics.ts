import type { Command } from 'commander';
import type { CliContext } from '../context';
import { storedErrorText } from '../status-words';

export function registerDiagnosticsCommand(program: Command, ctx: CliContext): void {
  program
    .command('diagnostics')
    .description('write a diagnostics folder to send with a support request (versions, ffmpeg report, queues, recent log; secrets redacted)')
    .option('--out <dir>', 'existing folder to write it into (a new subfolder is created there)', '.')
    .action(async (opts: { out: string }) => {
      const result = await ctx.call('diagnostics.export', { outDir: opts.out });
      ctx.print(result, () =>
        [`Saved to ${result.path ?? ''}`, ...result.files.map((f) => `  ${f}`), ...result.problems.map((p, i) => `Not included: ${storedErrorText(p, result.problemTexts?.[i])}`)].join('\n'),
      );
    });
}
