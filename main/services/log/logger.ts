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

export const LOG_FILE = 'lectern.log';
/** The current file is capped at this size; beyond it the file moves to `lectern.log.1`. */
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
/** Rotated files kept besides the current one (`lectern.log.1` … `.3`); the oldest is dropped. */
export const DEFAULT_LOG_GENERATIONS = 3;

export interface FileLoggerOptions {
  echo?: boolean;
  maxBytes?: number;
  generations?: number;
}

/** The log folder of a data folder. */
export const logDir = (dataDir: string) => path.join(dataDir, 'logs');

/** The log files that exist, oldest first (`lectern.log.N` … `lectern.log`), so reading them in order reads time forward. */
export function logFiles(dataDir: string, generations = DEFAULT_LOG_GENERATIONS): string[] {
  const dir = logDir(dataDir);
  const names = [...Array.from({ length: generations }, (_, i) => `${LOG_FILE}.${generations - i}`), LOG_FILE];
  return names.map((n) => path.join(dir, n)).filter((f) => fs.existsSync(f));
}

/**
 * Structured JSON-lines logger: one record per line in `<dataDir>/logs/lectern.log`, so a support
 * request can attach one file and a script can filter it. Secrets never reach a logger: callers log ids,
 * not payloads. The file rotates at `maxBytes` and keeps `generations` older files, so a long-running
 * install does not fill the disk. Writes are synchronous so a rotation never races buffered writes (and
 * closing the file before renaming it works on Windows too); logging is rare enough for that to be cheap.
 */
export function createFileLogger(dataDir: string, opts: FileLoggerOptions = {}): Logger & { close(): void } {
  const maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const generations = Math.max(1, opts.generations ?? DEFAULT_LOG_GENERATIONS);
  const dir = logDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOG_FILE);
  let fd: number | null = fs.openSync(file, 'a');
  // After a failed rotation, the size at which to try again.
  let retryAbove = 0;

  const shiftGenerations = () => {
    fs.rmSync(`${file}.${generations}`, { force: true });
    for (let i = generations - 1; i >= 1; i--) {
      if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
  };

  // The app and the CLI may write the same file: when the file at the path is no longer the one this
  // process has open, the other one rotated it, and this one only reopens.
  const rotate = (open: number, size: number) => {
    const mine = fs.fstatSync(open);
    const onDisk = fs.statSync(file, { throwIfNoEntry: false });
    fs.closeSync(open);
    fd = null;
    retryAbove = 0;
    if (onDisk && onDisk.ino === mine.ino && onDisk.dev === mine.dev) {
      try {
        shiftGenerations();
      } catch {
        // Another process holds the file (Windows) or the folder went read-only: keep appending to the
        // current file and try again after another `maxBytes`, rather than losing the log.
        retryAbove = size + maxBytes;
      }
    }
    fd = fs.openSync(file, 'a');
  };

  const write = (record: LogRecord) => {
    if (opts.echo && (record.level === 'warn' || record.level === 'error')) console.error(`[${record.scope}] ${record.message}`);
    if (fd === null) return;
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    try {
      // A single line larger than the cap still goes into a file of its own rather than being lost.
      // The size on disk, not a count of this process's writes: the app and the CLI append to one file.
      const size = fs.fstatSync(fd).size;
      if (size > 0 && size + line.length > Math.max(maxBytes, retryAbove)) rotate(fd, size);
      if (fd === null) return;
      fs.writeSync(fd, line);
    } catch (err) {
      // A full disk or a removed folder must not take the app down with it; say so once on stderr.
      console.error(`Lectern cannot write its log in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      close();
    }
  };
  const close = () => {
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } catch {
      // Already unusable; nothing more to release.
    }
    fd = null;
  };
  return Object.assign(scoped(write, 'main'), { close });
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
