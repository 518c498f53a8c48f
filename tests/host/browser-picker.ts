import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { HostMessage } from './protocol';

export interface BrowserPickerOptions {
  /** Where uploaded files are written; each upload gets a folder of its own, so names never clash. */
  uploadDir: string;
  /** How many pages are connected: each is asked, and a pick with no page to ask is a cancel. */
  clientCount(): number;
  broadcast(msg: HostMessage): void;
}

interface Pending {
  resolve(filePath: string | null): void;
  reject(err: Error): void;
  /** Pages that have not answered yet; a page that cannot show a chooser (no click just before) skips. */
  waiting: number;
}

/** Longest file name kept from the browser; the extension survives, the import checks the content. */
const MAX_NAME = 180;

export function safeUploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*/]/g, '_').trim();
  const clean = base === '' || base === '.' || base === '..' ? 'upload' : base;
  if (clean.length <= MAX_NAME) return clean;
  const ext = path.extname(clean).slice(0, 16);
  return clean.slice(0, MAX_NAME - ext.length) + ext;
}

/**
 * The test host's file dialog when no test queued an answer: the page that asked shows the browser's file
 * chooser and uploads the chosen file to the host, which writes it to disk and answers the dialog with
 * its path, so "Add video…" in a plain browser reaches the same import service as in the app.
 */
export function createBrowserPicker(opts: BrowserPickerOptions) {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  return {
    pick(accept: string): Promise<string | null> {
      const pages = opts.clientCount();
      if (pages === 0) return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, waiting: pages });
        opts.broadcast({ type: 'pick-file', id, accept });
      });
    },

    /** POST ?pick=<id>&name=<file name> with the bytes, ?pick=<id>&cancel=1, or ?pick=<id>&skip=1. */
    async receive(request: Request): Promise<Response> {
      const query = new URL(request.url).searchParams;
      const id = Number(query.get('pick'));
      const pick = pending.get(id);
      if (!pick) return new Response('No file was asked for, or it was already answered.', { status: 404 });
      if (query.has('skip')) {
        if (--pick.waiting <= 0) settle(id, null);
        return new Response(null, { status: 204 });
      }
      if (query.has('cancel') || !request.body) {
        settle(id, null);
        return new Response(null, { status: 204 });
      }
      pending.delete(id);
      const dir = path.join(opts.uploadDir, randomUUID());
      const filePath = path.join(dir, safeUploadName(query.get('name') ?? 'upload'));
      try {
        fs.mkdirSync(dir, { recursive: true });
        await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), fs.createWriteStream(filePath));
      } catch (err) {
        fs.rmSync(dir, { recursive: true, force: true });
        const reason = err instanceof Error ? err.message : String(err);
        pick.reject(new Error(`Could not receive “${path.basename(filePath)}” from the browser (${reason}); try adding it again.`));
        return new Response(`Upload failed: ${reason}`, { status: 500 });
      }
      pick.resolve(filePath);
      return new Response(null, { status: 204 });
    },

    /** Pages closing cancel what they were asked. */
    cancelAll(): void {
      for (const id of [...pending.keys()]) settle(id, null);
    },
  };

  function settle(id: number, filePath: string | null) {
    pending.get(id)?.resolve(filePath);
    pending.delete(id);
  }
}
