import { randomUUID } from 'node:crypto';
import { LecternError } from '../../contract/errors';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';

/**
 * Leases: small lock objects on a hub that several machines publish to. Servers with conditional writes
 * (If-None-Match: * / If-Match) get a compare-and-swap lease; servers without them (Swift's S3 layer) get
 * write → wait → read-back, which is safe as long as a PUT of a lease completes within `settleMs`.
 * Storage and time are injected, so the logic runs against an in-memory store and a fake clock in tests.
 */

export interface StoredDoc {
  text: string;
  etag: string;
}

export type PutCondition = { ifMatch: string } | { ifNoneMatch: '*' } | null;

/** Documents under the hub prefix; keys are hub paths (without the prefix). */
export interface DocStore {
  /** The server honours If-Match / If-None-Match on PUT (probed once per hub). */
  readonly conditional: boolean;
  read(hubPath: string): Promise<StoredDoc | null>;
  /** The new ETag, or null when the condition failed (412 / 409). Conditions are ignored when not `conditional`. */
  write(hubPath: string, text: string, condition: PutCondition): Promise<string | null>;
  remove(hubPath: string): Promise<void>;
}

export interface LeaseClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: LeaseClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** The JSON a lease object holds (documented in docs/HUB-FORMAT.md). */
export interface LeaseRecord {
  lectern: 'lease';
  schemaVersion: 1;
  /** What is locked, e.g. `course:intro-101` or `catalog`. */
  resource: string;
  /** What the holder calls it, for messages ("Introduction"). */
  label: string;
  /** The holding process (random per process) and this acquisition (random per acquire). */
  owner: string;
  token: string;
  host: string;
  pid: number;
  acquiredAt: string;
  expiresAt: string;
}

export interface LeaseTiming {
  /** A lease not renewed for this long may be taken over (default 60 s). */
  ttlMs: number;
  /** How long `acquire` waits for another holder before failing (default 30 s). */
  waitMs: number;
  /** Without conditional writes: the wait between writing a claim and reading it back (default 1 s). */
  settleMs: number;
  /** Allowance for clocks that disagree between machines; added to the expiry (default 5 s). */
  skewMs: number;
  /** Base interval between polls of a held lease, jittered ×0.5–1.5 (default 500 ms). */
  pollMs: number;
}

export const DEFAULT_LEASE_TIMING: Readonly<LeaseTiming> = { ttlMs: 60_000, waitMs: 30_000, settleMs: 1000, skewMs: 5000, pollMs: 500 };

export interface LeaseIdentity {
  owner: string;
  host: string;
  pid: number;
}

export interface AcquireRequest {
  resource: string;
  label: string;
  /** Overrides the manager's `waitMs` for this lease. */
  waitMs?: number;
  /** The sentence for the error when another holder outlasts the wait (a message id the UI can translate, or plain English). */
  busyMessage(holder: LeaseRecord): string | ServiceText;
  /** Called (at most once per holder) while waiting for another holder. */
  onWaiting?(holder: LeaseRecord): void;
  /** Checked while waiting: true means the work was done by someone else and the lease is not needed. */
  satisfied?(): Promise<boolean>;
}

/** Another machine holds the lease and kept it for longer than the wait. */
export class LeaseBusyError extends LecternError {
  constructor(
    message: string | ServiceText,
    readonly holder: LeaseRecord,
  ) {
    super('conflict', typeof message === 'string' ? message : formatText(message), undefined, typeof message === 'string' ? undefined : { text: message });
    this.name = 'LeaseBusyError';
  }
}

/** The lease was taken over (it expired without renewal, e.g. the machine slept); the work must stop. */
export class LeaseLostError extends LecternError {
  constructor(label: string, by: LeaseRecord | null) {
    const text: ServiceText = { key: 'svc.leases.lost', values: { label, known: by ? 'yes' : 'no', host: by?.host ?? '', at: by ? formatTime(by.acquiredAt) : '' } };
    super('conflict', formatText(text), undefined, { text });
    this.name = 'LeaseLostError';
  }
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function parseLease(text: string): LeaseRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Partial<Record<keyof LeaseRecord, unknown>>;
  const strings = [r.resource, r.label, r.owner, r.token, r.host, r.acquiredAt, r.expiresAt];
  if (r.lectern !== 'lease' || strings.some((s) => typeof s !== 'string') || typeof r.pid !== 'number') return null;
  if (Number.isNaN(Date.parse(r.expiresAt as string))) return null;
  return v as LeaseRecord;
}

export function leaseKey(resource: string): string {
  return `leases/${resource.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

export function newLeaseIdentity(host: string): LeaseIdentity {
  return { owner: randomUUID(), host, pid: process.pid };
}

export class LeaseManager {
  readonly timing: LeaseTiming;

  constructor(
    private readonly store: DocStore,
    private readonly identity: LeaseIdentity,
    timing: Partial<LeaseTiming> = {},
    private readonly clock: LeaseClock = systemClock,
  ) {
    this.timing = { ...DEFAULT_LEASE_TIMING, ...timing };
  }

  /** Takes the lease, waiting up to `waitMs` for a live holder, and keeps it renewed until released. */
  async acquire(req: Omit<AcquireRequest, 'satisfied'>): Promise<HeldLease> {
    const held = await this.acquireUnless(req);
    if (!held) throw new Error('unreachable: a lease without a condition is always acquired or refused');
    return held;
  }

  /** As `acquire`, but returns null as soon as `req.satisfied()` says the lease is no longer needed. */
  async acquireUnless(req: AcquireRequest): Promise<HeldLease | null> {
    const key = leaseKey(req.resource);
    const deadline = this.clock.now() + (req.waitMs ?? this.timing.waitMs);
    let announced = '';
    for (;;) {
      const current = await this.store.read(key);
      const holder = current ? parseLease(current.text) : null;
      const now = this.clock.now();
      if (holder && !this.expired(holder, now)) {
        if (req.satisfied && (await req.satisfied())) return null;
        if (now >= deadline) throw new LeaseBusyError(req.busyMessage(holder), holder);
        if (announced !== holder.token) {
          announced = holder.token;
          req.onWaiting?.(holder);
        }
        const untilExpiry = Date.parse(holder.expiresAt) + this.timing.skewMs - now + 1;
        await this.clock.sleep(Math.max(1, Math.min(this.jitter(this.timing.pollMs), deadline - now, untilExpiry)));
        continue;
      }
      const mine = this.record(req, now);
      const text = JSON.stringify(mine);
      if (this.store.conditional) {
        const etag = await this.store.write(key, text, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
        if (etag !== null) return new HeldLease(this.store, this.clock, key, mine, etag, this.timing);
        // Lost the race, or our own retried PUT landed before its answer was lost: the read decides.
        const back = await this.store.read(key);
        if (back && parseLease(back.text)?.token === mine.token) return new HeldLease(this.store, this.clock, key, mine, back.etag, this.timing);
        await this.clock.sleep(this.jitter(this.timing.pollMs / 5));
        continue;
      }
      await this.store.write(key, text, null);
      // Any claim written by someone who also saw the lease free lands within the settle time; the last
      // one wins, and everyone reads the same winner back.
      await this.clock.sleep(this.timing.settleMs);
      const back = await this.store.read(key);
      if (back && parseLease(back.text)?.token === mine.token) return new HeldLease(this.store, this.clock, key, mine, back.etag, this.timing);
    }
  }

  private expired(holder: LeaseRecord, now: number): boolean {
    return now > Date.parse(holder.expiresAt) + this.timing.skewMs;
  }

  private jitter(ms: number): number {
    return Math.max(1, Math.round(ms * (0.5 + this.clock.random())));
  }

  private record(req: AcquireRequest, now: number): LeaseRecord {
    return {
      lectern: 'lease',
      schemaVersion: 1,
      resource: req.resource,
      label: req.label,
      owner: this.identity.owner,
      token: randomUUID(),
      host: this.identity.host,
      pid: this.identity.pid,
      acquiredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.timing.ttlMs).toISOString(),
    };
  }
}

export class HeldLease {
  private lostTo: LeaseRecord | null | undefined;
  private stopRenewing: () => void;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly clock: LeaseClock,
    readonly key: string,
    private current: LeaseRecord,
    private etag: string,
    private readonly timing: LeaseTiming,
  ) {
    this.stopRenewing = clock.every(Math.max(1, Math.floor(timing.ttlMs / 3)), () => {
      this.renewing ??= this.renew()
        .catch(() => undefined) // A failed renewal is retried on the next tick; expiry is a third of a TTL away.
        .finally(() => (this.renewing = null));
    });
  }

  get record(): LeaseRecord {
    return this.current;
  }

  get lost(): boolean {
    return this.lostTo !== undefined;
  }

  /** Pushes the expiry one TTL ahead; marks the lease lost when someone else holds it now. */
  async renew(): Promise<void> {
    if (this.lost) return;
    const next: LeaseRecord = { ...this.current, expiresAt: new Date(this.clock.now() + this.timing.ttlMs).toISOString() };
    if (this.store.conditional) {
      const etag = await this.store.write(this.key, JSON.stringify(next), { ifMatch: this.etag });
      if (etag === null) {
        const back = await this.store.read(this.key);
        const holder = back ? parseLease(back.text) : null;
        if (holder?.token !== this.current.token || !back) return this.markLost(holder);
        this.etag = back.etag;
        this.current = holder;
        return;
      }
      this.etag = etag;
      this.current = next;
      return;
    }
    const back = await this.store.read(this.key);
    const holder = back ? parseLease(back.text) : null;
    if (holder?.token !== this.current.token) return this.markLost(holder);
    this.etag = (await this.store.write(this.key, JSON.stringify(next), null)) ?? this.etag;
    this.current = next;
  }

  /** Throws LeaseLostError unless a fresh read shows this lease, unexpired. Call before each write that needs it. */
  async assertHeld(): Promise<void> {
    if (this.lost) throw new LeaseLostError(this.current.label, this.lostTo ?? null);
    const back = await this.store.read(this.key);
    const holder = back ? parseLease(back.text) : null;
    if (holder?.token !== this.current.token) this.markLost(holder);
    else if (this.clock.now() > Date.parse(holder.expiresAt)) await this.renew();
    if (this.lost) throw new LeaseLostError(this.current.label, this.lostTo ?? null);
  }

  /** Stops renewing and deletes the lease object if it is still ours. Never throws: expiry frees it anyway. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.renewing;
    if (this.lost) return;
    try {
      const back = await this.store.read(this.key);
      if (back && parseLease(back.text)?.token === this.current.token) await this.store.remove(this.key);
    } catch {
      // Left behind, it expires after one TTL.
    }
    this.lostTo = null;
  }

  private markLost(holder: LeaseRecord | null): void {
    this.lostTo = holder;
    this.stopRenewing();
  }
}
