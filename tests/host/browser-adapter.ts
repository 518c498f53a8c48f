import { createLecternApi } from '../../main/contract/bridge';
import type { Envelope } from '../../main/contract/errors';
import { DROP_PATH_HOOK_PATH, IPC_PATH, UPLOAD_PATH, type ClientMessage, type HostMessage } from './protocol';

/**
 * window.lectern for a plain browser: the same createLecternApi the Electron preload uses, over a
 * WebSocket to the test host instead of ipcRenderer. Loaded by the host before the renderer's own script.
 */

type Pending = (envelope: Envelope<unknown>) => void;

const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${IPC_PATH}`);
    ws.addEventListener('open', () => {
      socket = ws;
      resolve(ws);
    });
    ws.addEventListener('message', (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as HostMessage;
      if (msg.type === 'result') {
        pending.get(msg.id)?.(msg.envelope);
        pending.delete(msg.id);
      } else if (msg.type === 'pick-file') {
        pickFile(msg.id, msg.accept);
      } else {
        listeners.get(msg.name)?.forEach((l) => l(msg.payload));
      }
    });
    ws.addEventListener('close', () => {
      // The host went away (stopped or killed): fail what was in flight; the next call reconnects.
      socket = null;
      opened = null;
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to Lectern' } });
      pending.clear();
      reject(new Error('closed'));
    });
  });
  opened.catch(() => {});
  return opened;
}

/**
 * The host's file dialog in a browser: a file chooser whose file is uploaded to the host, which hands its
 * path to whatever asked (the same import as a native dialog's answer). A browser shows a chooser only
 * right after a click, so a page the student did not just click in (another tab) skips and leaves the
 * answer to the page that asked.
 */
function pickFile(id: number, accept: string): void {
  const answer = (query: string, body?: File) =>
    void fetch(`${UPLOAD_PATH}?pick=${id}${query}`, { method: 'POST', ...(body ? { body, headers: { 'content-type': 'application/octet-stream' } } : {}) }).catch(() => {});
  if (!navigator.userActivation.isActive) return answer('&skip=1');
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) answer(`&name=${encodeURIComponent(file.name)}`, file);
    else answer('&cancel=1');
  });
  input.addEventListener('cancel', () => answer('&cancel=1'));
  input.click();
}

const api = createLecternApi({
  async invoke(channel, input) {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'Cannot reach Lectern' } };
    }
    const id = nextId++;
    const message: ClientMessage = { type: 'invoke', id, channel, input };
    return new Promise<Envelope<unknown>>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify(message));
    });
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    void connect().catch(() => {});
    return () => set.delete(listener);
  },
  async pathForFile(file) {
    const res = await fetch(`${DROP_PATH_HOOK_PATH}?name=${encodeURIComponent(file.name)}`);
    return res.ok ? ((await res.json()) as { path: string | null }).path : null;
  },
});

Object.defineProperty(window, 'lectern', { value: Object.freeze(api), writable: false, configurable: false });
