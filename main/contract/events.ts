import type { EventSpec } from './define';
import { appEvents } from './domains/app';
import { draftsEvents } from './domains/drafts';
import { libraryEvents } from './domains/library';
import { mediaEvents } from './domains/media';
import { playbackEvents } from './domains/playback';
import { publishingEvents } from './domains/publishing';
import { recordingsEvents } from './domains/recordings';
import { updatesEvents } from './domains/updates';

/**
 * Events main sends to the renderer, declared in the domain files and gathered here, so preload and the
 * test adapter subscribe to exactly these names.
 */
export const eventDomains = {
  app: appEvents,
  drafts: draftsEvents,
  updates: updatesEvents,
  media: mediaEvents,
  publishing: publishingEvents,
  library: libraryEvents,
  playback: playbackEvents,
  recordings: recordingsEvents,
} as const;

export const events = {
  ...appEvents,
  ...draftsEvents,
  ...updatesEvents,
  ...mediaEvents,
  ...publishingEvents,
  ...libraryEvents,
  ...playbackEvents,
  ...recordingsEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** How services publish events without knowing who listens (Electron windows, WebSocket clients, nobody in the CLI). */
export type EventSink = <E extends EventName>(name: E, payload: PayloadOf<E>) => void;
