import { z } from 'zod';
import { channel, none } from '../define';
import { LanguageSettingSchema } from '../schemas';
import type { AppInfo, LanguageState } from '../types';

/** The installation itself and native dialogs. */
export const appChannels = {
  'app.info': channel<AppInfo>()(none, 'Version, data folder and schema version of this installation.'),
  'dialog.pickCaptionsFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a WebVTT captions file with the system dialog; null when cancelled.'),
  'dialog.pickImageFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a cover image (JPEG, PNG or WebP) with the system dialog; null when cancelled.'),
  'dialog.pickVideoFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a video file with the system dialog; null when cancelled.'),
  'app.language.get': channel<LanguageState>()(none, 'The saved UI language ("system" or a language code) and the OS\'s preferred languages.'),
  'app.language.set': channel<LanguageState>()(z.strictObject({ setting: LanguageSettingSchema }), 'Remember the UI language: "system" to follow the OS, or a language code such as "en" or "ko".'),
} as const;

export const appEvents = {} as const;
