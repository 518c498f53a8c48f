import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/content-security-policy';
import { createAppHandler } from '../../../main/services/app-server/app-handler';
import { createStaticFiles, type FetchHandler } from '../../../main/services/app-server/static-files';
import { tempDir } from '../../helpers/tmp';

/**
 * The app origin's file server is what protocol.handle exposes to the renderer, so it must never hand
 * out a file outside the renderer build, whatever the URL says.
 */

const ORIGIN = 'lectern://app';
const tmp = tempDir('lectern-static-');
const rendererDir = path.join(tmp.dir, 'renderer');
const secret = 'TOP-SECRET-OUTSIDE-ROOT';
let handler: FetchHandler;

beforeAll(() => {
  fs.mkdirSync(path.join(rendererDir, 'assets/sub'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets/app.js'), 'export const x = 1;');
  fs.writeFileSync(path.join(rendererDir, 'assets/app.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets/icon.SVG'), '<svg/>');
  fs.writeFileSync(path.join(rendererDir, 'assets/blob.bin'), Buffer.from([0, 1, 2]));
  fs.writeFileSync(path.join(rendererDir, 'assets/sub/index.html'), '<p>sub</p>');
  fs.writeFileSync(path.join(rendererDir, 'weird name ü.js'), '1');
  // Siblings of the root whose names start like it: a prefix check without a separator would serve them.
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), secret);
  fs.mkdirSync(path.join(tmp.dir, 'renderer-evil'));
  fs.writeFileSync(path.join(tmp.dir, 'renderer-evil/x.js'), secret);
  fs.symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(rendererDir, 'link-out.txt'));
  fs.symlinkSync(tmp.dir, path.join(rendererDir, 'dir-link'));
  handler = createAppHandler({ rendererDir });
});
afterAll(() => tmp.cleanup());

const get = (p: string, init?: RequestInit) => handler(new Request(`${ORIGIN}${p}`, init));
async function text(res: Response): Promise<string> {
  return res.body ? await res.text() : '';
}

describe('serving the renderer build', () => {
  it.each([
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Lectern</title>'],
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>Lectern</title>'],
    ['/assets/app.js', 'text/javascript; charset=utf-8', 'export const x = 1;'],
    ['/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['/assets/icon.SVG', 'image/svg+xml', '<svg/>'],
    ['/assets/sub/', 'text/html; charset=utf-8', '<p>sub</p>'],
    ['/weird%20name%20%C3%BC.js', 'text/javascript; charset=utf-8', '1'],
    ['/assets/app.js?v=123#frag', 'text/javascript; charset=utf-8', 'export const x = 1;'],
  ])('GET %s → 200 %s', async (p, type, body) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(await text(res)).toBe(body);
  });

  it('sends unknown extensions as opaque bytes, never as something a browser would execute', async () => {
    const res = await get('/assets/blob.bin');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2]));
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('/assets/app.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('19');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405 and Allow', async (method) => {
    const res = await get('/index.html', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('sends the document headers that keep the page isolated', async () => {
    const res = await get('/index.html');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('refusing everything outside the build', () => {
  // `new URL` already normalises plain `..` segments, so the dangerous inputs are the encoded forms
  // the handler decodes itself.
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5c..%5csecret.txt',
    '/..\\secret.txt',
    '/%2e%2e/renderer-evil/x.js',
    '/%2e%2e%2frenderer-evil%2fx.js',
    '/%252e%252e/secret.txt',
    `/%2e%2e${encodeURIComponent(path.join(tmp.dir, 'secret.txt'))}`,
    `/${encodeURIComponent(path.join(tmp.dir, 'secret.txt'))}`,
  ])('%s is not served', async (p) => {
    const res = await get(p);
    expect([400, 404]).toContain(res.status);
    expect(await text(res)).not.toContain(secret);
  });

  it.each(['/index.html%00.js', '/%00', '/assets/app.js%00'])('%s (NUL byte) is a 400', async (p) => {
    const res = await get(p);
    expect(res.status).toBe(400);
  });

  it('a malformed escape is a 400, not a crash', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/%')).status).toBe(400);
  });

  it('directories without an index and missing files are 404s', async () => {
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('does not leak the root path or any file content in error bodies', async () => {
    const res = await get('/%2e%2e/secret.txt');
    const body = await text(res);
    expect(body).not.toContain(tmp.dir);
  });

  it('does not follow a symlink that points outside the build', async () => {
    const res = await get('/link-out.txt');
    expect(await text(res)).not.toContain(secret);
    expect(res.status).toBe(404);
  });
});

describe('routes', () => {
  it('mounts extra handlers by path prefix before static files', async () => {
    const media: FetchHandler = async (req) => new Response(`media:${new URL(req.url).pathname}`);
    const h = createAppHandler({ rendererDir, routes: { '/media/': media } });
    expect(await (await h(new Request(`${ORIGIN}/media/c1/master.m3u8`))).text()).toBe('media:/media/c1/master.m3u8');
    expect((await h(new Request(`${ORIGIN}/index.html`))).status).toBe(200);
    expect((await h(new Request(`${ORIGIN}/mediafile`))).status).toBe(404);
  });

  it('createStaticFiles works with no extra headers', async () => {
    const res = await createStaticFiles(rendererDir)(new Request(`${ORIGIN}/index.html`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBeNull();
    await res.body?.cancel();
  });
});
