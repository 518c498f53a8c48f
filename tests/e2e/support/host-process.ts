import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../../..');

export interface HostProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hooks, exactly like a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the test host as its own process (tsx tests/host/main.ts), so a test can SIGKILL it like a
 * crashed app and start it again on the same data folder and port.
 */
export async function startHostProcess(dataDir: string, port = 0, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/host/main.ts'), '--data-dir', dataDir, '--port', String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`test host did not start within 30 s\n${stderr}`)), 30_000);
    lines.on('line', (line) => {
      const m = /^LECTERN_TEST_HOST_READY (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test host exited with ${code}\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dataDir,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Answers the next native file dialog the app opens (the test host's scripted shell). */
export async function queueDialogAnswer(host: Pick<HostProcess, 'url'>, filePath: string | null): Promise<void> {
  const res = await fetch(new URL('/__test/dialog', host.url), { method: 'POST', body: JSON.stringify({ filePath }) });
  if (res.status !== 204) throw new Error(`dialog hook answered ${res.status}`);
}
