import { vi } from 'vitest';
import { runCli } from '../../main/cli/lectern';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (so it can be given an in-memory keychain) and captures what it prints. */
export async function runCliCaptured(argv: string[], deps: Parameters<typeof runCli>[1] = {}): Promise<CliRun> {
  // English unless a test asks for a language: the assertions read English, whatever the machine's LANG.
  deps = { env: { LANG: 'C.UTF-8' }, ...deps };
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await runCli(argv, deps), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
