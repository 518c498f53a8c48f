import { isChannelName, type ChannelName, type InputOf, type ResultOf } from './channels';
import { isEventName, type EventName, type PayloadOf } from './events';
import type { Envelope } from './errors';

/**
 * `window.lectern`: the only API the renderer has. Built by the same function in the Electron preload
 * (over ipcRenderer) and in the test host's browser adapter (over a WebSocket), so the two cannot drift.
 * It resolves to an envelope rather than throwing because errors lose their fields crossing contextBridge.
 */
export interface LecternApi {
  invoke<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Envelope<ResultOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function createLecternApi(transport: Transport): LecternApi {
  return {
    invoke<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<Envelope<ResultOf<C>>> {
      if (!isChannelName(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel "${String(channel)}"` } });
      }
      // The transport returns what main produced for this channel; main's handler map is typed by the contract.
      return transport.invoke(channel, input) as Promise<Envelope<ResultOf<C>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"`);
      return transport.subscribe(event, (payload) => listener(payload as PayloadOf<E>));
    },
  };
}
