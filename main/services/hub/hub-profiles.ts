import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import type { BucketCreation, Hub } from '../../contract/domains/publishing-types';
import type { SecretStore } from '../credentials/secret-store';
import { createS3Client, type S3Timeouts } from '../s3/s3-client';
import { explainS3Failure } from '../s3/s3-errors';
import { testHubConnection, type ConnectionReport } from './connection-test';
import { HubAccessError, hubAccessError } from './hub-error';
import { HubInput, HubPatch, parseInput } from './hub-input';
import { HubStore, type HubRecord } from './hub-store';
import { shareAddress } from './share-address';
import { createHubBucket } from './create-bucket';
import { userError } from '../text/user-error';

/** What the UI may see of a hub: never the secret key or the session token. */
export type HubSummary = Hub;

/** A ready client for one hub; for services (upload engine, publisher), never for the renderer. */
export interface HubConnection {
  hub: HubSummary;
  client: S3Client;
  bucket: string;
  keyPrefix: string;
  /** Identifies the store (endpoint + bucket) in upload records. */
  scope: string;
}

interface SessionSecret {
  token: string;
  expiresAt: number | null;
}

export const hubSecretAccount = (id: string) => `hub:${id}:secret`;
export const hubSessionAccount = (id: string) => `hub:${id}:session`;

/** Requests are refused this long before the token's expiry, so an upload does not start on a token about to die. */
const EXPIRY_MARGIN_MS = 60_000;

export interface HubProfilesOptions {
  db: Database;
  secrets: SecretStore;
  now?: () => number;
  timeouts?: Partial<S3Timeouts>;
}

/**
 * Hub profiles: the non-secret settings in SQLite, the secret key and optional session token in the
 * SecretStore. `connect` hands services a configured client after checking the token has not expired,
 * so expired temporary credentials become one clear 'credentials-expired' error rather than a failing
 * request per part.
 */
export class HubProfiles {
  private readonly store: HubStore;
  private readonly now: () => number;

  constructor(private readonly opts: HubProfilesOptions) {
    this.store = new HubStore(opts.db);
    this.now = opts.now ?? Date.now;
  }

  async list(): Promise<HubSummary[]> {
    return Promise.all(this.store.list().map((r) => this.summarize(r)));
  }

  async get(id: string): Promise<HubSummary> {
    return this.summarize(this.record(id));
  }

  async create(input: HubInput): Promise<HubSummary> {
    const f = parseInput(HubInput, input, 'hub');
    const t = this.now();
    const record: HubRecord = { id: randomUUID(), name: f.name, endpoint: f.endpoint, region: f.region, bucket: f.bucket, keyPrefix: f.keyPrefix, pathStyle: f.pathStyle, accessKeyId: f.accessKeyId, createdAt: t, updatedAt: t };
    // Secrets first: a hub row without its secret would be unusable, a stray secret is harmless and overwritten.
    await this.opts.secrets.set(hubSecretAccount(record.id), f.secretAccessKey);
    if (f.sessionToken) await this.writeSession(record.id, { token: f.sessionToken, expiresAt: f.sessionExpiresAt ?? null });
    this.store.upsert(record);
    return this.summarize(record);
  }

  async update(id: string, patch: HubPatch): Promise<HubSummary> {
    const current = this.record(id);
    const p = parseInput(HubPatch, patch, 'hub change');
    if (p.secretAccessKey !== undefined) await this.opts.secrets.set(hubSecretAccount(id), p.secretAccessKey);
    if (p.sessionToken === null) await this.opts.secrets.delete(hubSessionAccount(id));
    else if (p.sessionToken !== undefined) await this.writeSession(id, { token: p.sessionToken, expiresAt: p.sessionExpiresAt ?? null });
    const next: HubRecord = {
      ...current,
      ...Object.fromEntries(Object.entries({ name: p.name, endpoint: p.endpoint, region: p.region, bucket: p.bucket, keyPrefix: p.keyPrefix, pathStyle: p.pathStyle, accessKeyId: p.accessKeyId }).filter(([, v]) => v !== undefined)),
      updatedAt: this.now(),
    };
    this.store.upsert(next);
    return this.summarize(next);
  }

  async delete(id: string): Promise<void> {
    this.record(id);
    await this.opts.secrets.delete(hubSecretAccount(id));
    await this.opts.secrets.delete(hubSessionAccount(id));
    this.store.delete(id);
  }

  /** A configured client; throws 'credentials-expired' before any request when the session token has run out. */
  async connect(id: string, opts: { maxSockets?: number } = {}): Promise<HubConnection> {
    const r = this.record(id);
    const secret = await this.opts.secrets.get(hubSecretAccount(id));
    if (secret === null) throw hubAccessError('credentials-invalid', { key: 'svc.hub.secretMissing', values: { hub: r.name } });
    const session = await this.readSession(id);
    if (session?.expiresAt != null && session.expiresAt - EXPIRY_MARGIN_MS <= this.now()) {
      const when = new Date(session.expiresAt).toISOString();
      throw new HubAccessError('credentials-expired', explainS3Failure({ kind: 'credentials-expired', detail: `expired at ${when}` }, { hub: r.name, bucket: r.bucket }));
    }
    const client = createS3Client({
      endpoint: r.endpoint,
      region: r.region,
      forcePathStyle: r.pathStyle,
      credentials: { accessKeyId: r.accessKeyId, secretAccessKey: secret, ...(session ? { sessionToken: session.token } : {}) },
      ...(this.opts.timeouts ? { timeouts: this.opts.timeouts } : {}),
      ...(opts.maxSockets ? { maxSockets: opts.maxSockets } : {}),
    });
    return { hub: await this.summarize(r), client, bucket: r.bucket, keyPrefix: r.keyPrefix, scope: `${r.endpoint}|${r.bucket}` };
  }

  /** Checks list/write/read/delete on the hub's prefix; an expired session token is reported without a request. */
  async testConnection(id: string): Promise<ConnectionReport> {
    let conn: HubConnection;
    try {
      conn = await this.connect(id);
    } catch (err) {
      if (!(err instanceof HubAccessError)) throw err;
      const skipped = `skipped: ${err.reason}`;
      return { ok: false, list: skipped, write: skipped, read: skipped, delete: skipped, problem: err.message, reason: err.reason };
    }
    try {
      return await testHubConnection(conn);
    } finally {
      conn.client.destroy();
    }
  }

  /** Creates the hub's bucket (after a connection test found it missing); one that already exists and is ours is fine. */
  async createBucket(id: string): Promise<BucketCreation> {
    const conn = await this.connect(id);
    try {
      return { hubId: id, bucket: conn.bucket, created: await createHubBucket(conn) };
    } finally {
      conn.client.destroy();
    }
  }

  private record(id: string): HubRecord {
    const r = this.store.get(id);
    if (!r) throw userError('not-found', 'svc.hub.notFound', { id });
    return r;
  }

  private async summarize(r: HubRecord): Promise<HubSummary> {
    const session = await this.readSession(r.id);
    return { ...r, hasSessionToken: session !== null, sessionExpiresAt: session?.expiresAt ?? null, shareAddress: shareAddress(r) };
  }

  private async readSession(id: string): Promise<SessionSecret | null> {
    const raw = await this.opts.secrets.get(hubSessionAccount(id));
    if (raw === null) return null;
    try {
      const v = JSON.parse(raw) as Partial<SessionSecret>;
      if (typeof v.token === 'string') return { token: v.token, expiresAt: typeof v.expiresAt === 'number' ? v.expiresAt : null };
    } catch {
      // Fall through: a damaged entry is treated like a missing one and reported below.
    }
    throw hubAccessError('credentials-invalid', { key: 'svc.hub.sessionDamaged', values: { id } });
  }

  private writeSession(id: string, s: SessionSecret): Promise<void> {
    return this.opts.secrets.set(hubSessionAccount(id), JSON.stringify(s));
  }
}
