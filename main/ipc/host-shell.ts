import type { ServiceText } from '../contract/service-text';
import { userError } from '../services/text/user-error';
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
  /** Asks the user for a folder to write into, titled in the UI's language; null when they cancel. */
  pickFolder(title: ServiceText): Promise<string | null>;
  /** Screens and windows the recorder may capture; empty where the browser shows its own picker. */
  listCaptureSources(): Promise<CaptureSource[]>;
  /** Which of those the next screen-capture request records. */
  selectCaptureSource(sourceId: string): Promise<void>;
  /** The OS's preferred UI languages (BCP 47), most preferred first; empty when the host cannot tell. */
  preferredLanguages(): string[];
}

export const headlessShell: HostShell = {
  pickVideoFile: () => Promise.reject(userError('unavailable', 'svc.ipc.noFileDialog')),
  pickImageFile: () => Promise.reject(userError('unavailable', 'svc.ipc.noFileDialog')),
  pickCaptionsFile: () => Promise.reject(userError('unavailable', 'svc.ipc.noFileDialog')),
  pickFolder: () => Promise.reject(userError('unavailable', 'svc.ipc.noFolderDialog')),
  listCaptureSources: () => Promise.resolve([]),
  selectCaptureSource: () => Promise.reject(userError('unavailable', 'svc.ipc.noScreenCapture')),
  preferredLanguages: () => languagesFromEnv(process.env),
};

/** "ko_KR.UTF-8" → ["ko-KR"]: what a terminal's locale says; LANGUAGE (a colon list) wins as in gettext. */
export function languagesFromEnv(env: Record<string, string | undefined>): string[] {
  const raw = env.LANGUAGE || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return raw
    .split(':')
    .map((tag) => tag.split('.')[0]!.replace('_', '-'))
    .filter((tag) => tag !== '' && tag !== 'C' && tag !== 'POSIX');
}

/** The cover image types; the file's bytes decide, the dialog only narrows what is listed. */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];

/** File-dialog filter shared by hosts that show one. */
export const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mts', 'm2ts', 'ts', 'mpg', 'mpeg', 'wmv', 'flv', 'ogv'];
