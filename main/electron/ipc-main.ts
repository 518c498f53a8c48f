import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames } from '../contract/channels';
import type { EventName, PayloadOf } from '../contract/events';
import type { Envelope } from '../contract/errors';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../services/log/logger';
import { isTrustedUrl } from './security-policy';

/**
 * Registers one ipcMain handler per contract channel. Each first checks that the request comes from a
 * frame of the app's own origin (not a navigated-away or injected frame), then hands it to the shared
 * dispatcher, which validates the input.
 */
export function registerIpc(dispatch: Dispatch, origins: readonly string[], log: Logger): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
      const url = event.senderFrame?.url;
      if (!isTrustedUrl(url, origins)) {
        log.log('warn', 'refused IPC from untrusted frame', { channel, url: url?.slice(0, 200) });
        return { ok: false, error: { code: 'forbidden', message: `"${channel}" is only available to Lectern's own pages` } };
      }
      return dispatch(channel, input);
    });
  }
}

export function sendEvent<E extends EventName>(targets: Iterable<WebContents>, name: E, payload: PayloadOf<E>): void {
  for (const wc of targets) if (!wc.isDestroyed()) wc.send(`event:${name}`, payload);
}
