import { z } from 'zod';
import { channel, event, none } from '../define';
import type { UpdateSettings, UpdateStatus } from '../types';

const UpdateSettingsPatch = z.strictObject({
  channel: z.enum(['stable', 'beta']).optional(),
  autoCheck: z.boolean().optional(),
});

/** Lectern's own updates (electron-updater in the installed app). */
export const updatesChannels = {
  'updates.state': channel<UpdateStatus>()(none, 'Where the app update stands, with the settings and the last check.'),
  'updates.check': channel<UpdateStatus>()(none, 'Look for a newer Lectern now.'),
  'updates.download': channel<UpdateStatus>()(none, 'Download the available update (verified before it is offered).'),
  'updates.install': channel<UpdateStatus>()(none, 'Restart into the downloaded update; waits while a recording, upload or download runs.'),
  'updates.settings.get': channel<UpdateSettings>()(none, 'The update channel and whether Lectern checks by itself.'),
  'updates.settings.set': channel<UpdateStatus>()(UpdateSettingsPatch, 'Change the update channel or automatic checks; never downgrades.'),
} as const;

export const updatesEvents = {
  'updates.state': event<UpdateStatus>('The app update moved to another phase, made download progress or its settings changed.'),
} as const;
