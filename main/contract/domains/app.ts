import { channel, none } from '../define';
import type { AppInfo } from '../types';

/** The installation itself and native dialogs. */
export const appChannels = {
  'app.info': channel<AppInfo>()(none, 'Version, data folder and schema version of this installation.'),
  'dialog.pickCaptionsFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a WebVTT captions file with the system dialog; null when cancelled.'),
  'dialog.pickImageFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a cover image (JPEG, PNG or WebP) with the system dialog; null when cancelled.'),
  'dialog.pickVideoFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a video file with the system dialog; null when cancelled.'),
} as const;

export const appEvents = {} as const;
