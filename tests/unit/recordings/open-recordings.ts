import { execFile, spawn } from 'node:child_process';
import { openAppServices, type AppServices } from '../../../main/services/app-services';
import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createMemoryLogger } from '../../../main/services/log/logger';
import type { RecordingTake } from '../../../main/contract/types';

/** Free space the tests set at will (bytes). */
export interface FakeDisk {
  free: number;
}

export const MB = 1_000_000;

/** App services whose free-space probe reads `disk.free`, and ffmpeg encodes never start on their own. */
export function openServices(dataDir: string, disk: FakeDisk, events: RecordingTake[] = []): AppServices {
  return openAppServices({
    dataDir,
    version: '0.0.0-test',
    log: createMemoryLogger(),
    secrets: createMemorySecretStore(),
    emit: (name, payload) => {
      if (name === 'recordings.take') events.push(payload as RecordingTake);
    },
    media: { runJobs: false },
    recordings: { freeSpace: () => Promise.resolve(disk.free) },
  });
}

export function newLecture(s: AppServices): string {
  const course = s.drafts.createCourse('Recording course');
  return s.drafts.createLecture(s.drafts.createSection(course.id, 'Week 1').id, 'Recorded lecture').id;
}

/** The pid of a process that has exited: a recorder killed before this test looked. */
export async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

/** A live process that is not this one (stands in for the app while the CLI opens the data folder). */
export function liveProcess(): { pid: number; stop(): void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}
