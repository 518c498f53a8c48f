import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface LogRecord extends LogFields {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
}

/**
 * Structured JSON-lines logger: one record per line in `<dataDir>/logs/lectern.log`, so a support
 * request can attach one file and a script can filter it. Secrets never reach a logger: callers log ids,
 * not payloads.
 */
export function createFileLogger(dataDir: string, opts: { echo?: boolean } = {}): Logger & { close(): void } {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const stream = fs.createWriteStream(path.join(dir, 'lectern.log'), { flags: 'a' });
  const write = (record: LogRecord) => {
    stream.write(`${JSON.stringify(record)}\n`);
    if (opts.echo && (record.level === 'warn' || record.level === 'error')) console.error(`[${record.scope}] ${record.message}`);
  };
  return Object.assign(scoped(write, 'main'), { close: () => stream.end() });
}

/** Keeps records in memory; for tests and the CLI's --verbose. */
export function createMemoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return Object.assign(scoped((r) => records.push(r), 'main'), { records });
}

function scoped(write: (r: LogRecord) => void, scope: string): Logger {
  return {
    log(level, message, fields) {
      write({ ...fields, time: new Date().toISOString(), level, scope, message });
    },
    child(sub) {
      return scoped(write, `${scope}.${sub}`);
    },
  };
}
