import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StallError } from '../../../main/services/downloads/stall-guard';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { HubDocuments } from '../../../main/services/uploads/hub-documents';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { connectS3TestServer, type S3TestServer } from '../../helpers/s3-server';

const POLICY = { headersMs: 600, idleMs: 600, minBytesPerSec: 1024, slowWindowMs: 2000 };

/** The catalog and lease documents of a shared hub, read and written under progress deadlines. */
describe('hub documents on a hub that stops answering', () => {
  let s3: S3TestServer;
  let proxy: FaultProxy;
  let stalling = true;

  beforeAll(async () => {
    s3 = await connectS3TestServer('hubdocs');
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'p/catalog.json', Body: '{"courses":[]}' }));
    proxy = await startFaultProxy(s3.endpoint, (req) => (stalling && req.method === 'GET' ? 'stall' : 'pass'));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await s3?.close();
  });

  it('a stalled read fails in seconds with a StallError naming the document, after retrying; it succeeds once the hub answers', async () => {
    const client = createS3Client({ ...s3.connection, endpoint: proxy.url });
    const docs = new HubDocuments({ client, bucket: s3.bucket, scope: 'stall-test', hubName: 'Shared hub' }, 'p/', false, POLICY);
    try {
      const start = Date.now();
      const err = await docs.read('catalog.json').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StallError);
      expect((err as Error).message).toMatch(/^Reading p\/catalog\.json to Shared hub stalled before the answer/);
      // Five attempts of 0.6 s plus backoff, far from the SDK's 60 s socket backstop.
      expect(Date.now() - start).toBeLessThan(15_000);
      expect(proxy.log.filter((l) => l.fault === 'stall').length).toBeGreaterThanOrEqual(2);

      stalling = false;
      expect((await docs.read('catalog.json'))?.text).toBe('{"courses":[]}');
    } finally {
      client.destroy();
    }
  }, 60_000);
});
