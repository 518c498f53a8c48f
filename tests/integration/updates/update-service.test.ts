import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RequestOptions } from 'node:https';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../main/contract/types';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { UpdateService } from '../../../main/services/updates/update-service';
import { tempDir } from '../../helpers/tmp';

/** electron-updater's own HTTP layer over node:http (the app uses Electron's net module instead). */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, responseHandler: null, callback: (error) => (error ? reject(error) : resolve(destination)) },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options as http.RequestOptions, callback);
  }
}

/**
 * The real electron-updater (AppImageUpdater) against a loopback "generic" release feed, as shared/README
 * describes: feed parsing, download and sha512 verification all run in plain Node.
 */
describe('UpdateService with electron-updater', () => {
  const tmp = tempDir('lectern-update-');
  const payload = randomBytes(3 * 1024 * 1024);
  const goodSha = createHash('sha512').update(payload).digest('base64');
  let mode: 'ok' | 'tampered' | 'down' = 'ok';
  let server: http.Server;
  let feed = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (mode === 'down') return void res.writeHead(500).end('internal error');
      if (req.url?.startsWith('/latest-linux.yml')) {
        res.writeHead(200, { 'content-type': 'text/yaml' });
        return void res.end(
          [
            'version: 0.2.0',
            'files:',
            '  - url: Lectern-0.2.0.AppImage',
            `    sha512: ${goodSha}`,
            `    size: ${payload.length}`,
            'path: Lectern-0.2.0.AppImage',
            `sha512: ${goodSha}`,
            "releaseDate: '2026-11-20T10:00:00.000Z'",
            "releaseNotes: 'Faster ladders.'",
          ].join('\n'),
        );
      }
      if (req.url?.startsWith('/Lectern-0.2.0.AppImage')) {
        const body = mode === 'tampered' ? Buffer.concat([payload.subarray(0, -1), Buffer.from([payload.at(-1)! ^ 1])]) : payload;
        res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
        return void res.end(body);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
    tmp.cleanup();
  });

  function makeService(name: string): { service: UpdateService; states: UpdateState[] } {
    const dir = path.join(tmp.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    const configPath = path.join(dir, 'app-update.yml');
    fs.writeFileSync(configPath, `provider: generic\nurl: ${feed}\nupdaterCacheDirName: lectern-updater-${name}\n`);
    const current = path.join(dir, 'Lectern-0.1.0.AppImage');
    fs.writeFileSync(current, 'old build');
    process.env.APPIMAGE = current;
    const adapter: AppAdapter = {
      version: '0.1.0',
      name: 'Lectern',
      isPackaged: true,
      appUpdateConfigPath: configPath,
      userDataPath: path.join(dir, 'user'),
      baseCachePath: path.join(dir, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => {},
      quit: () => {},
      onQuit: () => {},
    };
    const updater = new AppImageUpdater(null, adapter);
    Object.assign(updater, { httpExecutor: new NodeHttpExecutor() });
    updater.logger = null;
    // The fake "current" AppImage has no block map to diff against.
    updater.disableDifferentialDownload = true;
    const states: UpdateState[] = [];
    const service = new UpdateService(updater, (_n, s) => states.push(s as UpdateState), createMemoryLogger());
    return { service, states };
  }

  it('finds, downloads and verifies an update, reporting progress', async () => {
    mode = 'ok';
    const { service, states } = makeService('ok');
    expect(await service.check()).toMatchObject({ phase: 'available', version: '0.2.0', notes: 'Faster ladders.' });
    expect(await service.download()).toEqual({ phase: 'ready', version: '0.2.0' });
    const phases = states.map((s) => s.phase);
    expect(phases[0]).toBe('checking');
    expect(phases).toContain('downloading');
    expect(phases.at(-1)).toBe('ready');
  });

  it('refuses a download whose bytes do not match the feed’s sha512', async () => {
    mode = 'tampered';
    const { service } = makeService('tampered');
    await service.check();
    const state = await service.download();
    expect(state.phase).toBe('error');
    expect(state.phase === 'error' && state.message).toMatch(/sha512 checksum mismatch/);
  });

  it('reports a failing feed as an error the UI can show', async () => {
    mode = 'down';
    const { service } = makeService('down');
    const state = await service.check();
    expect(state.phase).toBe('error');
    expect(state.phase === 'error' && state.message).toMatch(/^Could not update Lectern: .*500/s);
  });

  it('is disabled, with a reason, where there is no updater', () => {
    const s = new UpdateService(null, () => {}, createMemoryLogger());
    expect(s.state()).toEqual({ phase: 'disabled', reason: expect.stringContaining('installed builds') });
  });
});
