import type { MediaJob, UpdateState } from './types';

/**
 * Events main sends to the renderer. They originate in trusted services, so they carry types but no
 * runtime schema. Declared here so preload and the test adapter subscribe to exactly these names.
 */

interface EventSpec<P> {
  readonly doc: string;
  readonly __payload?: P;
}

const event = <P>(doc: string): EventSpec<P> => ({ doc });

export const events = {
  'updates.state': event<UpdateState>('The app update moved to another phase or made download progress.'),
  'media.job': event<MediaJob>('A media job was queued, started, made progress (about twice a second) or finished.'),
  'drafts.changed': event<{ courseId: string }>('A course, or something inside it, was created, edited, moved or deleted.'),
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
