import { create } from 'zustand';
import type { CaptureSource } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { DEFAULT_LAYOUT, type CameraLayout } from './camera-layout';

export type RecordingPhase = 'setup' | 'countdown' | 'recording' | 'paused' | 'stopping';

/** What the screen picker offers: Lectern's list of screens and windows (the app), or the browser's own picker. */
export type ScreenChoice = { kind: 'none' } | { kind: 'source'; source: CaptureSource } | { kind: 'browser' };

export interface DeviceOption {
  deviceId: string;
  /** The system's name for the device; empty when it gives none (the panel then says "Camera 2"). */
  label: string;
  /** 1-based position in its list, for that fallback name. */
  number: number;
}

/**
 * A sentence of the panel's own, kept as a key and values rather than text so a language switch
 * redraws it; `error` is what main or the browser answered, worded by ErrorNotice.
 */
export type RecordingNote = { key: MessageKey; values?: Record<string, string | number> } | { error: unknown };

/** Why the last action failed: an optional lead naming what failed, then the reason. */
export interface RecordingProblem {
  lead?: MessageKey;
  reason: RecordingNote;
}

export interface RecordingState {
  /** The lecture whose recording panel is open; null when it is closed. */
  lectureId: string | null;
  phase: RecordingPhase;
  countdown: number;
  takeId: string | null;
  elapsedMs: number;
  sources: CaptureSource[] | null;
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  screen: ScreenChoice;
  /** Whether a screen stream is live (picked and granted). */
  screenLive: boolean;
  cameraId: string | null;
  microphoneId: string | null;
  layout: CameraLayout;
  level: number;
  micSilent: boolean;
  minutesLeft: number | null;
  /** Things that did not stop the recording but the instructor should know (a device unplugged, no camera). */
  warnings: RecordingNote[];
  /** Why the last action failed, as a sentence to act on. */
  error: RecordingProblem | null;
  set(change: Partial<Omit<RecordingState, 'set' | 'warn'>>): void;
  warn(note: RecordingNote): void;
}

export const INITIAL: Omit<RecordingState, 'set' | 'warn' | 'lectureId'> = {
  phase: 'setup',
  countdown: 0,
  takeId: null,
  elapsedMs: 0,
  sources: null,
  cameras: [],
  microphones: [],
  screen: { kind: 'none' },
  screenLive: false,
  cameraId: null,
  microphoneId: null,
  layout: DEFAULT_LAYOUT,
  level: 0,
  micSilent: false,
  minutesLeft: null,
  warnings: [],
  error: null,
};

export const useRecording = create<RecordingState>()((set) => ({
  lectureId: null,
  ...INITIAL,
  set: (change) => set(change),
  warn: (note) => set((s) => (s.warnings.some((w) => sameNote(w, note)) ? s : { warnings: [...s.warnings, note] })),
}));

export const isLive = (phase: RecordingPhase): boolean => phase === 'recording' || phase === 'paused' || phase === 'stopping';

/** The same warning repeated (a device unplugged twice) is listed once. */
function sameNote(a: RecordingNote, b: RecordingNote): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && noteError(a) === noteError(b);
  return a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});
}

const noteError = (n: { error: unknown }): string => (n.error instanceof Error ? n.error.message : String(n.error));
