import { contextBridge, ipcRenderer } from 'electron';
import { createLecternApi } from '../main/contract/bridge';
import type { Envelope } from '../main/contract/errors';

// Exposes exactly the contract's channels and events as window.lectern; ipcRenderer itself never reaches the page.
contextBridge.exposeInMainWorld(
  'lectern',
  createLecternApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>,
    subscribe(event, listener) {
      const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(`event:${event}`, wrapped);
      return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
    },
  }),
);
