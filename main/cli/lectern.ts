import { Command, CommanderError } from 'commander';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { headlessShell } from '../ipc/host-shell';
import type { ChannelName, InputOf, ResultOf } from '../contract/channels';
import { openAppServices, type AppServices } from '../services/app-services';
import { createKeychainSecretStore } from '../services/credentials/keychain-secret-store';
import type { SecretStore } from '../services/credentials/secret-store';
import { createFileLogger, type Logger } from '../services/log/logger';
import { defaultDataDir } from './data-dir';
import { registerCatalogCommands } from './commands/catalog';
import { registerCourseCommands } from './commands/courses';
import { registerDiagnosticsCommand } from './commands/diagnostics';
import { downloadProgressOnStderr, registerDownloadCommands } from './commands/downloads';
import { registerLectureCommands } from './commands/lectures';
import { registerSectionCommands } from './commands/sections';
import { registerHubCommands } from './commands/hub';
import { mediaProgressOnStderr, registerMediaCommands } from './commands/media';
import { publishProgressOnStderr, registerPublishCommand } from './commands/publish';
import { registerRecordingCommands } from './commands/recordings';
import { registerUploadCommands } from './commands/uploads';
import { cliErrorText, cliLanguage } from './cli-language';
import { CliError, type CliContext } from './context';
import pkg from '../../package.json' with { type: 'json' };

/**
 * `lectern …`: the same services and the same contract as the app's UI, for scripts and headless tests.
 * Requests go through the IPC dispatcher, so the CLI gets exactly the UI's validation and error messages.
 */
export async function runCli(argv: string[], deps: { secrets?: SecretStore; env?: Record<string, string | undefined> } = {}): Promise<number> {
  const language = cliLanguage(deps.env ?? process.env);
  const program = new Command('lectern')
    .description('Lectern: build, publish and watch video lecture courses')
    .version(pkg.version)
    .option('--data-dir <dir>', 'data folder (default: the app\'s own, or $LECTERN_DATA_DIR)')
    .option('--json', 'print results as JSON')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let services: AppServices | undefined;
  let log: (Logger & { close(): void }) | undefined;
  let dispatch: Dispatch | undefined;
  const ctx: CliContext = {
    json: () => Boolean(program.opts<{ json?: boolean }>().json),
    async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
      if (!services || !dispatch) {
        const dataDir = program.opts<{ dataDir?: string }>().dataDir ?? defaultDataDir();
        log = createFileLogger(dataDir);
        // runJobs false: a CLI command must not start encodes as a side effect; `media build --wait` runs them explicitly.
        const media = mediaProgressOnStderr();
        const downloads = downloadProgressOnStderr();
        const uploads = publishProgressOnStderr();
        services = openAppServices({
          dataDir,
          version: pkg.version,
          log: log.child('cli'),
          // Tests inject an in-memory store where there is no Secret Service (no D-Bus session).
          secrets: deps.secrets ?? createKeychainSecretStore(),
          emit: (name, payload) => (media(name, payload), downloads(name, payload), uploads(name, payload)),
          media: { runJobs: false },
          library: { resumeDownloads: false },
        });
        dispatch = createDispatcher(createHandlers(services, headlessShell), log.child('cli'));
      }
      const envelope = await dispatch(channel, input);
      if (!envelope.ok) throw new CliError(cliErrorText(envelope.error, language));
      return envelope.value as ResultOf<C>;
    },
    print(value, human) {
      process.stdout.write(this.json() ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
  };
  registerCourseCommands(program, ctx);
  registerSectionCommands(program, ctx);
  registerLectureCommands(program, ctx);
  registerMediaCommands(program, ctx);
  registerHubCommands(program, ctx);
  registerPublishCommand(program, ctx);
  registerUploadCommands(program, ctx);
  registerCatalogCommands(program, ctx);
  registerDownloadCommands(program, ctx);
  registerRecordingCommands(program, ctx);
  registerDiagnosticsCommand(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`lectern: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  } finally {
    await services?.close();
    log?.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
