import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { PutCondition, StoredDoc } from '../../main/services/leases/lease';
import type { CatalogStore } from '../../main/services/uploads/catalog-update';

/**
 * A hub held in memory: the publisher writes through it as a CatalogStore with conditional writes
 * (as S3 with If-Match), and students read it over loopback HTTP with ETags and 304s, like S3 or a CDN.
 * Counts what was read so tests and bench:catalog can say what a refresh cost.
 */
export class MemoryHub implements CatalogStore {
  readonly conditional = true;
  readonly objects = new Map<string, { text: string; etag: string }>();
  /** Every GET served: its key, status and body bytes. */
  readonly served: { key: string; status: number; bytes: number }[] = [];
  /** Every write: its key and body bytes. */
  readonly written: { key: string; bytes: number }[] = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  url = '';

  /** Bytes the server has sent so far, headers included (304s are not free: their headers count). */
  sentBytes(): number {
    let n = 0;
    for (const s of this.sockets) n += s.bytesWritten;
    return n;
  }

  async read(hubPath: string): Promise<StoredDoc | null> {
    const o = this.objects.get(hubPath);
    return o ? { ...o } : null;
  }

  async write(hubPath: string, text: string, condition: PutCondition): Promise<string | null> {
    const cur = this.objects.get(hubPath);
    if (condition && 'ifNoneMatch' in condition && cur) return null;
    if (condition && 'ifMatch' in condition && cur?.etag !== condition.ifMatch) return null;
    return this.put(hubPath, text);
  }

  async writeImmutable(hubPath: string, text: string): Promise<void> {
    this.put(hubPath, text);
  }

  /** Stores an object as it is (a fixture, or an older Lectern's single-file catalog). */
  put(hubPath: string, text: string): string {
    const etag = `"${createHash('md5').update(text).digest('hex')}"`;
    this.objects.set(hubPath, { text, etag });
    this.written.push({ key: hubPath, bytes: Buffer.byteLength(text) });
    return etag;
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async remove(hubPath: string): Promise<void> {
    this.objects.delete(hubPath);
  }

  /** Serves the objects under `/hub/` on loopback; returns the hub base URL. */
  async listen(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/hub\//, '');
      const o = this.objects.get(key);
      if (!o) {
        this.served.push({ key, status: 404, bytes: 0 });
        res.writeHead(404).end();
        return;
      }
      if (req.headers['if-none-match'] === o.etag) {
        this.served.push({ key, status: 304, bytes: 0 });
        res.writeHead(304, { etag: o.etag }).end();
        return;
      }
      const body = Buffer.from(o.text);
      this.served.push({ key, status: 200, bytes: body.length });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, etag: o.etag }).end(body);
    });
    // Longer than any pause in a test or bench, so a kept-alive socket is never closed under a request.
    this.server.keepAliveTimeout = 120_000;
    this.server.on('connection', (socket) => this.sockets.add(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hub/`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
