import type { Envelope } from '../../main/contract/errors';

/** Messages on the test host's WebSocket: the contract's invoke/event pair, as Electron IPC carries it in the app. */
export const IPC_PATH = '/__lectern/ipc';
export const ADAPTER_PATH = '/__lectern/adapter.js';
/** Test hook: POST {filePath} to answer the next file dialog. */
export const DIALOG_HOOK_PATH = '/__test/dialog';
/**
 * Test hook for drag-and-drop: POST {name, path} says where a file of that name, dropped on the page,
 * lives on disk (a browser File carries no path); the adapter's pathForFile asks GET ?name=.
 */
export const DROP_PATH_HOOK_PATH = '/__test/drop-path';

/**
 * Where the page uploads a file chosen in the browser's file chooser, which the host shows in place of a
 * native dialog when no test queued an answer (tests/host/browser-picker.ts); only the host's own page.
 */
export const UPLOAD_PATH = '/__lectern/upload';

export type ClientMessage = { type: 'invoke'; id: number; channel: string; input: unknown };
export type HostMessage = { type: 'result'; id: number; envelope: Envelope<unknown> } | { type: 'event'; name: string; payload: unknown }
  /** The host asks the page to show a file chooser (`accept` as on an `<input type=file>`). */
  | { type: 'pick-file'; id: number; accept: string };
