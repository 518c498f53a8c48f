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
  /**
   * Where a file dropped on the page lives on disk, or null when it has no path (dragged out of a browser).
   * Pages never see paths of dropped files since Electron 32; the preload asks webUtils. A promise because
   * the test host's browser has no such API and asks the host instead.
   */
  pathForFile(file: File): Promise<string | null>;
}

export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): Promise<string | null>;
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
    pathForFile: (file) => transport.pathForFile(file),
  };
}
