import { create } from 'zustand';
import type { CaptureSource } from '../../../main/contract/types';
import { DEFAULT_LAYOUT, type CameraLayout } from './camera-layout';

export type RecordingPhase = 'setup' | 'countdown' | 'recording' | 'paused' | 'stopping';

/** What the screen picker offers: Lectern's list of screens and windows (the app), or the browser's own picker. */
export type ScreenChoice = { kind: 'none' } | { kind: 'source'; source: CaptureSource } | { kind: 'browser' };

export interface DeviceOption {
  deviceId: string;
  label: string;
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
  warnings: string[];
  /** Why the last action failed, as a sentence to act on. */
  error: string | null;
  set(change: Partial<Omit<RecordingState, 'set' | 'warn'>>): void;
  warn(message: string): void;
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
  warn: (message) => set((s) => (s.warnings.includes(message) ? s : { warnings: [...s.warnings, message] })),
}));

export const isLive = (phase: RecordingPhase): boolean => phase === 'recording' || phase === 'paused' || phase === 'stopping';
