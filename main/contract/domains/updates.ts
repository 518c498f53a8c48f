import { channel, event, none } from '../define';
import type { UpdateState } from '../types';

/** Lectern's own updates (electron-updater in the installed app). */
export const updatesChannels = {
  'updates.state': channel<UpdateState>()(none, 'Where the app update stands.'),
  'updates.check': channel<UpdateState>()(none, 'Look for a newer Lectern now.'),
  'updates.download': channel<UpdateState>()(none, 'Download the available update (verified before it is offered).'),
  'updates.install': channel<UpdateState>()(none, 'Restart into the downloaded update.'),
} as const;

export const updatesEvents = {
  'updates.state': event<UpdateState>('The app update moved to another phase or made download progress.'),
} as const;
