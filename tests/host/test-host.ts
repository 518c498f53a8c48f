import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { LanguageSettingSchema } from '../../main/contract/schemas';
import { createDispatcher } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/handlers';
import { openAppServices, type AppServices } from '../../main/services/app-services';
import { createAppHandler, DOCUMENT_HEADERS } from '../../main/services/app-server/app-handler';
import type { FetchHandler } from '../../main/services/app-server/static-files';
import { createKeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { createMemorySecretStore } from '../../main/services/credentials/secret-store';
import { createFileLogger } from '../../main/services/log/logger';
import { createBrowserPicker } from './browser-picker';
import { ADAPTER_PATH, DIALOG_HOOK_PATH, DROP_PATH_HOOK_PATH, IPC_PATH, UPLOAD_PATH, type ClientMessage, type HostMessage } from './protocol';
import { createScriptedShell } from './scripted-shell';
import { ScriptedUpdater } from './scripted-updater';

export interface TestHostOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string;
  /**
   * Keep secrets (hub secret keys, session tokens, download keys) in the OS keychain under this keychain
   * service instead of in memory, so a host restarted on the same data folder still has them.
   */
  keychainService?: string;
  /**
   * Seeds the `ui.language` setting ("en", "ko", "system") before any page loads, as if the user had
   * chosen it in Settings: a host started in Korean for the language tests.
   */
  language?: string;
}

export interface TestHost {
  url: string;
  services: AppServices;
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs Lectern's main-process services in plain Node and serves the built renderer to any browser,
 * carrying the IPC contract over a loopback WebSocket. Same services, same dispatcher, same app handler
 * as the Electron app; only the transport differs.
 */
export async function startTestHost(opts: TestHostOptions): Promise<TestHost> {
  // LECTERN_RENDERER_DIR lets parallel work test its own build instead of sharing out/.
  const rendererDir = opts.rendererDir ?? process.env.LECTERN_RENDERER_DIR ?? path.join(root, 'out/renderer');
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No renderer build at ${rendererDir}. Run: npm run build`);

  const clients = new Set<WebSocket>();
  const broadcast = (msg: HostMessage) => {
    const text = JSON.stringify(msg);
    for (const c of clients) c.send(text);
  };
  const log = createFileLogger(opts.dataDir);
  const services = openAppServices({
    dataDir: opts.dataDir,
    version: '1.0.0-test-host',
    // Scripted: the Updates page walks available → downloading → ready without a packaged app.
    updater: new ScriptedUpdater(),
    log,
    // By default the test host never touches the developer's keychain (the keychain store has its own
    // D-Bus test); `npm run host -- --keychain` opts in, under a service name of its own.
    secrets: opts.keychainService ? createKeychainSecretStore(opts.keychainService) : createMemorySecretStore(),
    emit: (name, payload) => broadcast({ type: 'event', name, payload }),
  });
  if (opts.language !== undefined) {
    if (!LanguageSettingSchema.safeParse(opts.language).success) throw new Error(`The test host cannot start in language "${opts.language}": use "en", "ko" or "system".`);
    services.settings.set('ui.language', opts.language);
  }
  const picker = createBrowserPicker({ uploadDir: path.join(opts.dataDir, 'host-uploads'), clientCount: () => clients.size, broadcast });
  const shell = createScriptedShell((accept) => picker.pick(accept));
  // File name → path on disk for files a test drops on the page (see DROP_PATH_HOOK_PATH).
  const dropped = new Map<string, string>();
  const dropPaths = async (request: Request): Promise<Response> => {
    if (request.method === 'POST') {
      const { name, path: filePath } = (await request.json()) as { name: string; path: string };
      dropped.set(name, filePath);
      return new Response(null, { status: 204 });
    }
    const name = new URL(request.url).searchParams.get('name') ?? '';
    return Response.json({ path: dropped.get(name) ?? null });
  };
  const dispatch = createDispatcher(createHandlers(services, shell), log.child('ipc'));

  const adapter = await bundleAdapter();
  const page = fs.readFileSync(indexFile, 'utf8').replace('<script type="module"', `<script src="${ADAPTER_PATH}"></script>\n    <script type="module"`);
  // Mounted once the port, and so the page's origin, is known; no request arrives before that.
  let app: FetchHandler = () => Promise.resolve(new Response('Starting', { status: 503 }));
  const handler = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/' || pathname === '/index.html') return new Response(page, { headers: { ...DOCUMENT_HEADERS, 'content-type': 'text/html; charset=utf-8' } });
    if (pathname === ADAPTER_PATH) return new Response(adapter, { headers: { ...DOCUMENT_HEADERS, 'content-type': 'text/javascript; charset=utf-8' } });
    if (pathname === DIALOG_HOOK_PATH && request.method === 'POST') {
      const { filePath } = (await request.json()) as { filePath: string | null };
      shell.queue(filePath);
      return new Response(null, { status: 204 });
    }
    if (pathname === DROP_PATH_HOOK_PATH) return dropPaths(request);
    if (pathname === UPLOAD_PATH && request.method === 'POST') {
      // Like the WebSocket: only the host's own page may hand it files.
      if (request.headers.get('origin') !== origin) return new Response('Uploads are accepted from the host page only.', { status: 403 });
      return picker.receive(request);
    }
    return app(request);
  };

  const server = http.createServer(getRequestListener(handler));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  let origin = '';
  server.on('upgrade', (req, socket, head) => {
    // The WebSocket stands in for Electron IPC, so it gets the same sender check: only the host's own page.
    if (req.url !== IPC_PATH || req.headers.origin !== origin) {
      log.log('warn', 'refused WebSocket from untrusted origin', { origin: req.headers.origin, url: req.url });
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => {
        clients.delete(ws);
        // The page that would have answered a file chooser is gone: its dialog is a cancel, not a hang.
        if (clients.size === 0) picker.cancelAll();
      });
      ws.on('message', (data) => {
        let msg: ClientMessage;
        try {
          msg = JSON.parse(String(data)) as ClientMessage;
        } catch {
          log.log('warn', 'dropped a malformed WebSocket message');
          return;
        }
        void dispatch(msg.channel, msg.input).then((envelope) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: msg.id, envelope } satisfies HostMessage));
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  app = createAppHandler({ rendererDir, routes: services.routes(origin) });

  return {
    url: `${origin}/`,
    services,
    async close() {
      for (const c of clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      log.close();
    },
  };
}

async function bundleAdapter(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser-adapter.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
