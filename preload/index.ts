import { contextBridge, ipcRenderer, webUtils } from 'electron';
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
    // Empty for a File that did not come from the file system (e.g. built by the page itself).
    pathForFile: (file) => Promise.resolve(webUtils.getPathForFile(file) || null),
  }),
);
