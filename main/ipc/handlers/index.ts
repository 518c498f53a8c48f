import type { ChannelName } from '../../contract/channels';
import type { AppServices } from '../../services/app-services';
import type { HostShell } from '../host-shell';
import { appHandlers } from './app';
import { diagnosticsHandlers } from './diagnostics';
import { draftsHandlers } from './drafts';
import type { HandlersFor } from './handler-types';
import { libraryHandlers } from './library';
import { mediaHandlers } from './media';
import { playbackHandlers } from './playback';
import { publishingHandlers } from './publishing';
import { recordingsHandlers } from './recordings';
import { updatesHandlers } from './updates';

/** Every contract channel's handler, one file per contract domain. */
export type Handlers = HandlersFor<{ [C in ChannelName]: unknown }>;

export function createHandlers(s: AppServices, shell: HostShell): Handlers {
  return {
    ...appHandlers(s, shell),
    ...draftsHandlers(s),
    ...updatesHandlers(s),
    ...diagnosticsHandlers(s, shell),
    ...mediaHandlers(s),
    ...publishingHandlers(s),
    ...libraryHandlers(s),
    ...playbackHandlers(s),
    ...recordingsHandlers(s, shell),
  };
}
