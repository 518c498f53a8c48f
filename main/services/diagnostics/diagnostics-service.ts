import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiagnosticsExport } from '../../contract/types';
import type { Logger } from '../log/logger';
import { logFiles } from '../log/logger';
import { createRedactor, type Redactor } from './redact';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

/** What an export reads; the composition root wires it to the running services. */
export interface DiagnosticsSources {
  dataDir: string;
  version: string;
  schemaVersion(): number;
  /** The ffmpeg report (versions, what is missing, the problem sentence). */
  ffmpeg(): Promise<unknown>;
  /** Upload/publish runs, downloads, media jobs, recording takes: whatever each service lists. */
  queues(): Promise<Record<string, unknown>>;
  /** Secret values to remove by value (keychain contents, access key ids). */
  knownSecrets(): Promise<string[]>;
  /** Where Electron's crashReporter writes minidumps; absent in the CLI and tests without dumps. */
  crashDumpsDir?: string | null | undefined;
  log: Logger;
  /** How many of the newest log lines to include. */
  logLines?: number;
  now?: () => Date;
}

export const DEFAULT_LOG_LINES = 2000;
/** A folder of dumps could be huge after a crash loop; the newest ones tell the story. */
const MAX_CRASH_DUMPS = 10;

/**
 * Writes a support folder: versions, the ffmpeg report, schema version, free disk space, queue states,
 * the newest log lines and any crash dumps — every file passed through the redactor, so it can be sent
 * as is. A section that cannot be read becomes a line in `problems` instead of failing the export.
 */
/** The parts of an export that may fail on their own, and how the English message names them. */
type Part = 'queues' | 'log' | 'crashDumps' | 'schemaVersion' | 'disk' | 'ffmpeg';
export class DiagnosticsService {
  constructor(private readonly src: DiagnosticsSources) {}

  async export(parentDir: string): Promise<DiagnosticsExport> {
    const parent = path.resolve(parentDir);
    const stat = await fs.promises.stat(parent).catch(() => null);
    if (!stat?.isDirectory()) throw userError('invalid-input', 'svc.diagnostics.noFolder', { folder: parent });
    const dir = await this.createTarget(parent);
    const redact = createRedactor(await this.src.knownSecrets().catch(() => []));
    const problems: ServiceText[] = [];
    const files: string[] = [];
    const write = async (name: string, content: string) => {
      await fs.promises.writeFile(path.join(dir, name), redact.text(content));
      files.push(name);
    };
    const attempt = async <T>(part: Part, read: () => Promise<T>): Promise<T | null> => {
      try {
        return await read();
      } catch (err) {
        problems.push({ key: 'svc.diagnostics.couldNotRead', values: { part, cause: redact.text(err instanceof Error ? err.message : String(err)) } });
        return null;
      }
    };

    const queues = await attempt('queues', () => this.src.queues());
    if (queues) await write('queues.json', json(queues));
    const lines = await attempt('log', () => tailLog(this.src.dataDir, this.src.logLines ?? DEFAULT_LOG_LINES));
    if (lines) await write('log.jsonl', lines.length ? `${lines.join('\n')}\n` : '');
    const dumps = await attempt('crashDumps', () => copyCrashDumps(this.src.crashDumpsDir, path.join(dir, 'crash-dumps'), redact));
    if (dumps) files.push(...dumps.map((d) => `crash-dumps/${d}`));
    const summary = {
      createdAt: (this.src.now?.() ?? new Date()).toISOString(),
      app: { name: 'Lectern', version: this.src.version },
      os: { platform: process.platform, arch: process.arch, release: os.release(), version: os.version(), totalMemory: os.totalmem(), cpus: os.cpus().length },
      runtime: process.versions,
      schemaVersion: await attempt('schemaVersion', async () => this.src.schemaVersion()),
      dataDir: this.src.dataDir,
      disk: await attempt('disk', () => diskSpace(this.src.dataDir)),
      ffmpeg: await attempt('ffmpeg', () => this.src.ffmpeg()),
      crashDumps: dumps?.length ?? 0,
      problems: problems.map((p) => formatText(p)),
    };
    await write('summary.json', json(summary));
    this.src.log.log('info', 'diagnostics exported', { dir, files: files.length, problems: problems.length });
    return { path: dir, files: files.sort(), problems: problems.map((p) => redact.text(formatText(p))), problemTexts: problems };
  }

  private async createTarget(parent: string): Promise<string> {
    const stamp = (this.src.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
    for (let n = 1; ; n++) {
      const dir = path.join(parent, `lectern-diagnostics-${stamp}${n > 1 ? `-${n}` : ''}`);
      try {
        await fs.promises.mkdir(dir);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
        throw userError('unavailable', 'svc.diagnostics.cannotCreate', { folder: parent, cause: (err as Error).message });
      }
    }
  }
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The newest `count` lines across the rotated log files, oldest first. */
export async function tailLog(dataDir: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (const file of logFiles(dataDir).reverse()) {
    const lines = (await fs.promises.readFile(file, 'utf8')).split('\n').filter((l) => l.length > 0);
    out.unshift(...lines.slice(Math.max(0, lines.length - (count - out.length))));
    if (out.length >= count) break;
  }
  return out;
}

async function diskSpace(dir: string): Promise<{ freeBytes: number; totalBytes: number }> {
  const s = await fs.promises.statfs(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/** Copies the newest dumps (any depth: Crashpad keeps them under completed/ and pending/), redacted. */
async function copyCrashDumps(from: string | null | undefined, to: string, redact: Redactor): Promise<string[]> {
  if (!from || !fs.existsSync(from)) return [];
  const entries = await fs.promises.readdir(from, { recursive: true, withFileTypes: true });
  const dumps = await Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith('.dmp'))
      .map(async (e) => {
        const file = path.join(e.parentPath, e.name);
        return { file, rel: path.relative(from, file), mtime: (await fs.promises.stat(file)).mtimeMs };
      }),
  );
  const newest = dumps.sort((a, b) => b.mtime - a.mtime).slice(0, MAX_CRASH_DUMPS);
  const copied: string[] = [];
  for (const d of newest) {
    const name = d.rel.split(path.sep).join('-');
    await fs.promises.mkdir(to, { recursive: true });
    await fs.promises.writeFile(path.join(to, name), redact.bytes(await fs.promises.readFile(d.file)));
    copied.push(name);
  }
  return copied;
}
