import fs from 'node:fs';
import type { RecordingDiskSpace } from '../../contract/types';

/**
 * The bitrate assumed for planning: a 1080p screen with a camera and a microphone as Chromium's
 * MediaRecorder writes them (VP8 at its default quality) stays below about 8 Mbit/s, i.e. 60 MB a minute.
 */
export const ASSUMED_BITS_PER_SEC = 8_000_000;
/** A new take needs room for at least this much. */
export const START_MIN_MINUTES = 3;
/** A take being recorded is paused below this, so the last slices and the remux still fit. */
export const PAUSE_MIN_MINUTES = 2;

export type FreeSpaceProbe = (dir: string) => Promise<number>;

/** Bytes an unprivileged process may still write on the file system that holds `dir`. */
export const statfsFreeSpace: FreeSpaceProbe = async (dir) => {
  const s = await fs.promises.statfs(dir);
  return s.bavail * s.bsize;
};

export function minutesFor(freeBytes: number, bitsPerSec = ASSUMED_BITS_PER_SEC): number {
  return Math.max(0, freeBytes) / (bitsPerSec / 8) / 60;
}

export function diskSpace(freeBytes: number): RecordingDiskSpace {
  return { freeBytes, minutesLeft: Math.floor(minutesFor(freeBytes) * 10) / 10 };
}

/** The room left as message values: free megabytes and minutes of recording, as the messages print them. */
export function roomValues(space: RecordingDiskSpace): { free: string; minutes: string } {
  return { free: String(Math.round(space.freeBytes / 1_000_000)), minutes: space.minutesLeft.toFixed(1) };
}
