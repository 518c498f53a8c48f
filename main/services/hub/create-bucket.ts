import { CreateBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { StallError } from '../downloads/stall-guard';
import { guardS3Request } from '../s3/request-guard';
import { classifyS3Error, explainS3Failure, explainS3Text } from '../s3/s3-errors';
import { HubAccessError, failureFor, hubAccessError } from './hub-error';
import type { HubConnection } from './hub-profiles';

/** Answers that mean "it is there already and it is yours": nothing to do. */
const ALREADY_OURS = new Set(['BucketAlreadyOwnedByYou']);

/**
 * Creates the hub's bucket with the hub's key. AWS wants the region named for any region but
 * us-east-1; other stores ignore it. Returns false when the bucket already existed and is ours; a
 * bucket name taken by someone else, or a key not allowed to create buckets, is an error saying so.
 */
export async function createHubBucket(conn: HubConnection): Promise<boolean> {
  const region = conn.hub.region;
  const config = region && region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } } : {};
  const guard = guardS3Request('Creating the bucket', conn.hub.name, new AbortController().signal);
  try {
    await conn.client.send(new CreateBucketCommand({ Bucket: conn.bucket, ...config }), { abortSignal: guard.signal });
    return true;
  } catch (thrown) {
    const err = guard.stall() ?? thrown;
    const name = err instanceof Error ? err.name : '';
    if (ALREADY_OURS.has(name)) return false;
    if (name === 'BucketAlreadyExists') {
      throw hubAccessError('fatal', { key: 'svc.hub.bucketTaken', values: { bucket: conn.bucket } });
    }
    const f = err instanceof StallError ? { kind: 'retryable' as const, detail: err.message } : classifyS3Error(err);
    const where = { hub: conn.hub.name, bucket: conn.bucket };
    if (f.kind === 'aborted') throw hubAccessError('retryable', { key: 'svc.hub.createInterrupted', values: where });
    if (f.kind === 'access-denied') throw hubAccessError('access-denied', { key: 'svc.hub.mayNotCreate', values: { ...where, cause: f.detail } });
    throw new HubAccessError(f.kind, explainS3Failure(f, where), failureFor(f.kind) ? {} : { text: explainS3Text(f, where) });
  } finally {
    guard.done();
  }
}
