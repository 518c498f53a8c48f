import { LecternError } from '../contract/errors';
import type { CaptureSource } from '../contract/types';

/**
 * What only the host application can do for a request: native dialogs and the like. The Electron layer
 * implements it with `dialog`; the test host with answers queued by tests (a test hook); the CLI has no UI,
 * so it refuses with a message.
 */
export interface HostShell {
  /** Asks the user for one video file; null when they cancel. */
  pickVideoFile(): Promise<string | null>;
  /** Asks the user for one cover image (JPEG, PNG or WebP); null when they cancel. */
  pickImageFile(): Promise<string | null>;
  /** Asks the user for one WebVTT captions file; null when they cancel. */
  pickCaptionsFile(): Promise<string | null>;
  /** Asks the user for a folder to write into; null when they cancel. */
  pickFolder(title: string): Promise<string | null>;
  /** Screens and windows the recorder may capture; empty where the browser shows its own picker. */
  listCaptureSources(): Promise<CaptureSource[]>;
  /** Which of those the next screen-capture request records. */
  selectCaptureSource(sourceId: string): Promise<void>;
}

export const headlessShell: HostShell = {
  pickVideoFile: () => Promise.reject(new LecternError('unavailable', 'There is no file dialog here; pass the file path instead')),
  pickImageFile: () => Promise.reject(new LecternError('unavailable', 'There is no file dialog here; pass the file path instead')),
  pickCaptionsFile: () => Promise.reject(new LecternError('unavailable', 'There is no file dialog here; pass the file path instead')),
  pickFolder: () => Promise.reject(new LecternError('unavailable', 'There is no folder dialog here; pass the folder instead (lectern diagnostics --out <folder>)')),
  listCaptureSources: () => Promise.resolve([]),
  selectCaptureSource: () => Promise.reject(new LecternError('unavailable', 'Screen recording needs the Lectern app')),
};

/** The cover image types; the file's bytes decide, the dialog only narrows what is listed. */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];

/** File-dialog filter shared by hosts that show one. */
export const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mts', 'm2ts', 'ts', 'mpg', 'mpeg', 'wmv', 'flv', 'ogv'];
