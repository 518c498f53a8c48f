import type { z } from 'zod';
import type { ChannelSpec } from './define';
import { appChannels } from './domains/app';
import { diagnosticsChannels } from './domains/diagnostics';
import { draftsChannels } from './domains/drafts';
import { libraryChannels } from './domains/library';
import { mediaChannels } from './domains/media';
import { playbackChannels } from './domains/playback';
import { publishingChannels } from './domains/publishing';
import { recordingsChannels } from './domains/recordings';
import { updatesChannels } from './domains/updates';

export type { ChannelSpec } from './define';

/**
 * The IPC contract: every request the renderer may make, declared once in a domain file under
 * ./domains and gathered here. Main registers a handler per entry (main/ipc/handlers), preload exposes
 * exactly these names, the test host carries the same names over a WebSocket. Inputs are validated with
 * the zod schema in main before a handler runs; unknown keys are rejected (strict objects).
 */
export const channelDomains = {
  app: appChannels,
  drafts: draftsChannels,
  updates: updatesChannels,
  diagnostics: diagnosticsChannels,
  media: mediaChannels,
  publishing: publishingChannels,
  library: libraryChannels,
  playback: playbackChannels,
  recordings: recordingsChannels,
} as const;

export const channels = {
  ...appChannels,
  ...draftsChannels,
  ...updatesChannels,
  ...diagnosticsChannels,
  ...mediaChannels,
  ...publishingChannels,
  ...libraryChannels,
  ...playbackChannels,
  ...recordingsChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What the renderer passes. */
export type InputOf<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives after validation. */
export type ParsedInputOf<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ResultOf<C extends ChannelName> = Channels[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
