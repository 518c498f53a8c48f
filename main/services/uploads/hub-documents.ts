import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { backoffDelay, type RetryPolicy } from '../downloads/retry';
import { DEFAULT_STALL, StallError, type StallPolicy } from '../downloads/stall-guard';
import type { PutCondition, StoredDoc } from '../leases/lease';
import type { Logger } from '../log/logger';
import { isUnsupported, knownSupported, markSupported, markUnsupported } from '../s3/capabilities';
import { contentMd5 } from '../s3/content-md5';
import { guardS3Request } from '../s3/request-guard';
import { classifyS3Error } from '../s3/s3-errors';
import type { CatalogStore } from './catalog-update';
import type { UploadTarget } from './upload-engine';

const DOC_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 3000 };

interface HttpError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

function status(err: unknown): number | undefined {
  return (err as HttpError).$metadata?.httpStatusCode;
}

function isMissing(err: unknown): boolean {
  return (err as HttpError).name === 'NoSuchKey' || status(err) === 404;
}

/** 412 PreconditionFailed, or AWS's 409 ConditionalRequestConflict for two conditional writes at once. */
function isConditionFailed(err: unknown): boolean {
  const name = (err as HttpError).name;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status(err) === 412 || status(err) === 409;
}

/**
 * The hub's small mutable documents (catalog, leases) read and written with their ETags, the store leases
 * and the catalog update run on. Transient failures are retried here; conditions are sent only when the
 * hub proved it honours them (`openHubDocuments` probes once per hub and bucket per process).
 */
export class HubDocuments implements CatalogStore {
  constructor(
    private readonly target: UploadTarget,
    private readonly keyPrefix: string,
    readonly conditional: boolean,
    private readonly stall: StallPolicy = DEFAULT_STALL,
  ) {}

  async read(hubPath: string): Promise<StoredDoc | null> {
    const { client, bucket } = this.target;
    return this.retry(`Reading ${this.keyPrefix}${hubPath}`, async (signal) => {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: this.keyPrefix + hubPath }), { abortSignal: signal });
        return { text: (await res.Body?.transformToString()) ?? '', etag: res.ETag ?? '' };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    });
  }

  async write(hubPath: string, text: string, condition: PutCondition): Promise<string | null> {
    return this.put(hubPath, text, this.conditional ? condition : null);
  }

  /** A catalog page: content-addressed, so never rewritten with other content and cached for good. */
  async writeImmutable(hubPath: string, text: string): Promise<void> {
    await this.put(hubPath, text, null, false, 'public, max-age=31536000, immutable');
  }

  /** Hub paths of every object under `prefix`. */
  async list(prefix: string): Promise<string[]> {
    const { client, bucket } = this.target;
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.retry(`Listing ${this.keyPrefix}${prefix}`, (signal) =>
        client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: this.keyPrefix + prefix, ContinuationToken: token }), { abortSignal: signal }),
      );
      for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key.slice(this.keyPrefix.length));
      token = page.NextContinuationToken;
    } while (token);
    return out;
  }

  async remove(hubPath: string): Promise<void> {
    const { client, bucket } = this.target;
    await this.retry(`Deleting ${this.keyPrefix}${hubPath}`, (signal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: this.keyPrefix + hubPath }), { abortSignal: signal }));
  }

  /** Sends `condition` as given (the probe uses this before `conditional` is known). */
  async put(hubPath: string, text: string, condition: PutCondition, noRetry = false, cacheControl = 'no-cache'): Promise<string | null> {
    const { client, bucket } = this.target;
    const body = Buffer.from(text);
    const send = async (signal: AbortSignal) => {
      try {
        const res = await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: this.keyPrefix + hubPath,
            Body: body,
            ContentLength: body.length,
            ContentMD5: contentMd5(body),
            ContentType: 'application/json',
            CacheControl: cacheControl,
            ...(condition && 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : {}),
            ...(condition && 'ifNoneMatch' in condition ? { IfNoneMatch: condition.ifNoneMatch } : {}),
          }),
          { abortSignal: signal },
        );
        return res.ETag ?? '';
      } catch (err) {
        if (condition && isConditionFailed(err)) return null;
        throw err;
      }
    };
    const what = `Writing ${this.keyPrefix}${hubPath}`;
    return noRetry ? this.guarded(what, send) : this.retry(what, send);
  }

  private async retry<T>(what: string, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.guarded(what, op);
      } catch (err) {
        const retryable = err instanceof StallError || classifyS3Error(err).kind === 'retryable';
        if (!retryable || attempt + 1 >= DOC_RETRY.maxAttempts) throw err;
        await new Promise((r) => setTimeout(r, backoffDelay(DOC_RETRY, attempt)));
      }
    }
  }

  /**
   * One request under the uploads' progress deadlines (`guardS3Request`): a hub that stops answering a
   * catalog or lease read fails in seconds with a StallError naming the document, not at the SDK's
   * socket backstop, and a stall is retried like a reset.
   */
  private async guarded<T>(what: string, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const guard = guardS3Request(what, this.target.hubName ?? this.target.scope, new AbortController().signal, this.stall);
    try {
      return await op(guard.signal);
    } catch (err) {
      throw guard.stall() ?? err;
    } finally {
      guard.done();
    }
  }
}

/**
 * Probes once per hub whether PUT honours If-None-Match: * and If-Match: a server may answer 501 (Swift)
 * or, worse, ignore the headers and overwrite, so a refusal of a write that must fail is required too.
 */
export async function openHubDocuments(target: UploadTarget, keyPrefix: string, log?: Logger, stall?: StallPolicy): Promise<HubDocuments> {
  const scope = target.scope;
  if (isUnsupported(scope, 'ConditionalWrite')) return new HubDocuments(target, keyPrefix, false, stall);
  if (knownSupported(scope, 'ConditionalWrite')) return new HubDocuments(target, keyPrefix, true, stall);
  const plain = new HubDocuments(target, keyPrefix, false, stall);
  const probe = `.lectern-probe/conditional-${randomUUID()}.json`;
  let supported = false;
  try {
    const first = await plain.put(probe, '{"probe":1}', { ifNoneMatch: '*' }, true);
    const again = first === null ? 'refused' : await plain.put(probe, '{"probe":2}', { ifNoneMatch: '*' }, true);
    const wrongTag = await plain.put(probe, '{"probe":3}', { ifMatch: '"00000000000000000000000000000000"' }, true);
    const rightTag = first ? await plain.put(probe, '{"probe":4}', { ifMatch: (await plain.read(probe))?.etag ?? '' }, true) : null;
    supported = first !== null && again === null && wrongTag === null && rightTag !== null;
  } catch (err) {
    const f = classifyS3Error(err);
    // Anything but "not implemented" is a real problem the publish itself will report properly.
    if (f.kind !== 'unsupported' && f.kind !== 'fatal') throw err;
    log?.log('info', 'conditional writes unsupported', { scope, detail: f.detail });
  } finally {
    await plain.remove(probe).catch(() => undefined);
  }
  if (supported) markSupported(scope, 'ConditionalWrite');
  else markUnsupported(scope, 'ConditionalWrite');
  log?.log('info', 'probed conditional writes', { scope, supported });
  return new HubDocuments(target, keyPrefix, supported, stall);
}
