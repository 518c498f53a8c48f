import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createS3Client, type S3ConnectionOptions } from '../../main/services/s3/s3-client';
import { tempDir } from './tmp';

/**
 * Connects tests to a real S3-compatible server (OpenStack Swift, see ../shared/s3/README.md):
 * `LECTERN_S3_ENDPOINT` when set (CI starts the server), else a server already answering on
 * LECTERN_S3_PORT (default 8080), else one started here in a temp folder and stopped in `close()`.
 * Each call creates its own bucket and empties and removes it again on close.
 */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Client options with the test credentials; spread and override `endpoint` to go through a proxy. */
  connection: S3ConnectionOptions;
  client: S3Client;
  close(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const script = path.resolve(repoRoot, '../shared/s3/swift-s3');
export const TEST_CREDENTIALS = { accessKeyId: 'test:tester', secretAccessKey: 'testing' };

export async function connectS3TestServer(label: string): Promise<S3TestServer> {
  let endpoint = process.env.LECTERN_S3_ENDPOINT;
  let stop = async () => {};
  if (!endpoint) {
    const port = process.env.LECTERN_S3_PORT ?? '8080';
    endpoint = `http://127.0.0.1:${port}`;
    if (!(await healthy(endpoint))) {
      const tmp = tempDir('lectern-swift-');
      await promisify(execFile)(script, [tmp.dir, 'start'], { timeout: 120_000 });
      stop = async () => {
        await promisify(execFile)(script, [tmp.dir, 'stop']);
        tmp.cleanup();
      };
    }
  }
  const connection: S3ConnectionOptions = { endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS };
  const client = createS3Client(connection);
  const bucket = `lectern-${label}-${randomUUID().slice(0, 8)}`.toLowerCase();
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    connection,
    client,
    close: async () => {
      try {
        await emptyBucket(client, bucket);
        await client.send(new DeleteBucketCommand({ Bucket: bucket }));
      } finally {
        client.destroy();
        await stop();
      }
    },
  };
}

/** The sha256 of an object as the server returns it, to compare with the file that was uploaded. */
export async function objectSha256(server: Pick<S3TestServer, 'client' | 'bucket'>, key: string): Promise<string> {
  const res = await server.client.send(new GetObjectCommand({ Bucket: server.bucket, Key: key }));
  const h = createHash('sha256');
  for await (const chunk of res.Body as AsyncIterable<Uint8Array>) h.update(chunk);
  return h.digest('hex');
}

export async function listIncompleteUploads(client: S3Client, bucket: string): Promise<{ key: string; uploadId: string }[]> {
  const res = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (res.Uploads ?? []).map((u) => ({ key: u.Key ?? '', uploadId: u.UploadId ?? '' }));
}

async function emptyBucket(client: S3Client, bucket: string): Promise<void> {
  for (const u of await listIncompleteUploads(client, bucket)) await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }));
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    // One by one: Swift's DeleteObjects wants a Content-MD5 header the newest SDKs no longer send.
    for (const o of page.Contents ?? []) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
    token = page.NextContinuationToken;
  } while (token);
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/healthcheck`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
