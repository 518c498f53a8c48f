import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { contentMd5 } from '../../main/services/s3/content-md5';

/**
 * Stands in for a server with conditional writes (AWS, R2, MinIO) in front of Swift, which has none:
 * a PUT carrying If-Match / If-None-Match is evaluated here against HeadObject and, when it passes, stored
 * with the proxy's own client; every PUT and DELETE of a key is serialised, so check-and-store is atomic as
 * on a real server. Everything else is forwarded untouched (signatures cover the host, which is kept).
 */
export interface ConditionalProxy {
  url: string;
  /** Conditional PUTs seen and how many were refused with 412. */
  readonly counts: { conditional: number; refused: number };
  close(): Promise<void>;
}

export async function startConditionalProxy(target: string, client: S3Client): Promise<ConditionalProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const locks = new Map<string, Promise<void>>();
  const counts = { conditional: 0, refused: 0 };

  const serialised = async <T>(key: string, op: () => Promise<T>): Promise<T> => {
    const before = locks.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((r) => (release = r));
    const chained = before.then(() => mine);
    locks.set(key, chained);
    await before;
    try {
      return await op();
    } finally {
      release();
      if (locks.get(key) === chained) locks.delete(key);
    }
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body?: Buffer) =>
    new Promise<void>((resolve) => {
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.once('end', resolve);
      });
      out.on('error', () => {
        res.destroy();
        resolve();
      });
      if (body) out.end(body);
      else req.pipe(out);
    });

  const readBody = (req: http.IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.once('end', () => resolve(Buffer.concat(chunks)));
      req.once('error', reject);
    });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
    const key = rest.join('/');
    // Whole-object writes only (the SDK adds ?x-id=PutObject); multipart part uploads pass through.
    const mutating = (req.method === 'PUT' || req.method === 'DELETE') && key !== '' && !url.searchParams.has('uploadId') && !url.searchParams.has('partNumber');
    if (!mutating) return void forward(req, res);
    void serialised(`${bucket}/${key}`, async () => {
      const ifMatch = req.headers['if-match'];
      const ifNoneMatch = req.headers['if-none-match'];
      if (req.method !== 'PUT' || (ifMatch === undefined && ifNoneMatch === undefined)) {
        const body = req.method === 'PUT' ? await readBody(req) : undefined;
        return forward(req, res, body);
      }
      counts.conditional++;
      const body = await readBody(req);
      let etag: string | null = null;
      try {
        etag = (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag ?? null;
      } catch (err) {
        // Only "not found" means there is no object. Any other failure (Swift answering 503 under load)
        // must not be read as "absent": If-None-Match: * would then overwrite a catalog another writer
        // created. Answer as a busy server would, so the client retries.
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name !== 'NotFound' && e.name !== 'NoSuchKey' && e.$metadata?.httpStatusCode !== 404) {
          const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code><Message>The condition could not be checked (${e.name ?? 'error'} ${e.$metadata?.httpStatusCode ?? ''}); retry</Message></Error>`;
          res.writeHead(503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
          return;
        }
        etag = null;
      }
      const refused = (ifNoneMatch === '*' && etag !== null) || (ifMatch !== undefined && etag !== ifMatch);
      if (refused) {
        counts.refused++;
        const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        res.writeHead(412, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
        return;
      }
      const put = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ContentMD5: contentMd5(body),
          ...(typeof req.headers['content-type'] === 'string' ? { ContentType: req.headers['content-type'] } : {}),
          ...(typeof req.headers['cache-control'] === 'string' ? { CacheControl: req.headers['cache-control'] } : {}),
        }),
      );
      res.writeHead(200, { etag: put.ETag ?? '', 'content-length': 0 }).end();
    }).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
