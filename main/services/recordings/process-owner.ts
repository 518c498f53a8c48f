import fs from 'node:fs';

/** Who is recording a take: a process id and, where the system tells, when that process started. */
export interface ProcessOwner {
  pid: number;
  /** Start time in clock ticks since boot (Linux `/proc/<pid>/stat`, field 22); null where unknown. */
  started: string | null;
}

/**
 * The start time tells this pid's process from a later one that was given the same pid after a crash:
 * without it, a recovered take could stay "recording" forever because an unrelated program holds its pid.
 * Only Linux exposes it cheaply; elsewhere liveness falls back to the pid alone.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Field 3 (state) is fields[0], so field 22 (starttime) is fields[19].
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

let self: ProcessOwner | null = null;

export function currentOwner(): ProcessOwner {
  self ??= { pid: process.pid, started: processStartTime(process.pid) };
  return self;
}

export function isCurrentProcess(owner: { pid: number | null; started: string | null }): boolean {
  const me = currentOwner();
  return owner.pid === me.pid && owner.started === me.started;
}

/** True while the recording process still runs (this one, or another Lectern such as the app beside the CLI). */
export function isOwnerAlive(owner: { pid: number | null; started: string | null }): boolean {
  if (owner.pid === null) return false;
  if (isCurrentProcess(owner)) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.started === null) return true;
  const now = processStartTime(owner.pid);
  // Unreadable (another platform, or /proc hidden): trust the pid rather than steal a live take.
  return now === null || now === owner.started;
}
