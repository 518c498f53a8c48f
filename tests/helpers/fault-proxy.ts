import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request: forward it, answer with an S3-style error, reset the connection
 * after part of the request body arrived, or swallow it and never answer (the client's timeout must fire):
 * `stall` takes the whole body first, `stall-body` stops reading after the first KiB, `trickle` reads the
 * body at about 2.5 MiB/s (much slower reads leave the client gaps long enough to count as stalls: the
 * kernel wakes a writer only once a third of its send buffer is free).
 */
export type Fault = 'pass' | 'reset' | 'stall' | 'stall-body' | 'trickle' | { status: number; code: string };

export const INTERNAL_ERROR: Fault = { status: 500, code: 'InternalError' };
export const UNAVAILABLE: Fault = { status: 503, code: 'ServiceUnavailable' };
export const SLOW_DOWN: Fault = { status: 503, code: 'SlowDown' };

export interface FaultProxy {
  /** Endpoint to give the S3 client instead of the server's. */
  url: string;
  /** Requests seen, and how each was treated. */
  readonly log: { method: string; url: string; fault: string }[];
  decide: (req: http.IncomingMessage, n: number) => Fault;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a real S3 server that injects faults. Requests are forwarded with
 * their Host header untouched, so SigV4 signatures (which cover the host) still verify at the server.
 */
export async function startFaultProxy(target: string, decide: FaultProxy['decide'] = () => 'pass'): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const proxy: FaultProxy = { url: '', log: [], decide, close: async () => {} };

  const server = http.createServer((req, res) => {
    const fault = proxy.decide(req, proxy.log.length);
    proxy.log.push({ method: req.method ?? '', url: req.url ?? '', fault: typeof fault === 'string' ? fault : `${fault.status} ${fault.code}` });
    if (fault === 'stall') return void req.resume();
    if (fault === 'stall-body' || fault === 'trickle') return void swallowSlowly(req, fault);
    if (fault === 'reset') {
      // Let some of the body arrive first, so the client is cut off mid-request.
      const cut = () => req.socket.destroy();
      if (req.headers['content-length'] && req.headers['content-length'] !== '0') req.once('data', cut);
      else cut();
      return;
    }
    if (fault !== 'pass') {
      req.resume();
      req.once('end', () => {
        const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>Injected by the test proxy</Message><RequestId>fault</RequestId></Error>`;
        res.writeHead(fault.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
      });
      return;
    }
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    sockets.forEach((s) => s.destroy());
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

/** Never answers; reads 1 KiB and stops, or reads 128 KiB every 50 ms until the client gives up. */
function swallowSlowly(req: http.IncomingMessage, how: 'stall-body' | 'trickle'): void {
  req.pause();
  const take = () => void req.read(how === 'trickle' ? 128 * 1024 : 1024);
  if (how === 'stall-body') {
    req.once('readable', take);
    return;
  }
  const timer = setInterval(take, 50);
  req.socket.once('close', () => clearInterval(timer));
}

/** A small deterministic PRNG (mulberry32), so a failing fault pattern can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
