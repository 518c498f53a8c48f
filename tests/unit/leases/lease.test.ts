import { describe, expect, it } from 'vitest';
import { formatTime, LeaseBusyError, leaseKey, LeaseLostError, LeaseManager, parseLease, type AcquireRequest, type LeaseRecord } from '../../../main/services/leases/lease';
import { FakeClock, MemoryDocs } from '../../helpers/fake-lease-env';

const TIMING = { ttlMs: 60_000, waitMs: 30_000, settleMs: 1000, skewMs: 5000, pollMs: 500 };

function setup(conditional: boolean) {
  const clock = new FakeClock();
  const docs = new MemoryDocs(conditional);
  const manager = (host: string) => new LeaseManager(docs, { owner: `owner-${host}`, host, pid: 100 }, TIMING, clock);
  return { clock, docs, manager };
}

const request = (over: Partial<AcquireRequest> = {}): AcquireRequest => ({
  resource: 'course-intro',
  label: 'Introduction',
  busyMessage: (h) => `«Introduction» is being published from ${h.host} since ${formatTime(h.acquiredAt)}; try again when it finishes.`,
  ...over,
});

describe.each([
  ['with conditional writes', true],
  ['without conditional writes', false],
])('leases %s', (_name, conditional) => {
  it('a second holder waits the bounded time, then fails naming the host and the time', async () => {
    const { clock, manager } = setup(conditional);
    const held = await clock.run(manager('studio-a').acquire(request()));
    const started = clock.now();
    const waits: LeaseRecord[] = [];
    const second = clock.run(manager('studio-b').acquire(request({ onWaiting: (h) => waits.push(h) })));
    await expect(second).rejects.toBeInstanceOf(LeaseBusyError);
    await expect(second).rejects.toThrow(`«Introduction» is being published from studio-a since ${formatTime(held.record.acquiredAt)}; try again when it finishes.`);
    expect(clock.now() - started).toBeGreaterThanOrEqual(TIMING.waitMs);
    expect(clock.now() - started).toBeLessThan(TIMING.waitMs + 2 * TIMING.pollMs);
    expect(waits.map((h) => h.host)).toEqual(['studio-a']);
  });

  it('a renewed lease outlives its TTL; once released, the waiter takes it', async () => {
    const { clock, manager } = setup(conditional);
    const held = await clock.run(manager('studio-a').acquire(request()));
    const waiter = manager('studio-b').acquire(request({ waitMs: 10 * 60_000 }));
    // Three TTLs pass: renewals every ttl/3 keep studio-a's lease alive and studio-b waiting.
    const after = clock.run(clock.sleep(3 * TIMING.ttlMs));
    await after;
    await held.assertHeld();
    const release = held.release();
    const second = await clock.run(Promise.all([waiter, release]).then(([w]) => w));
    expect(second.record.host).toBe('studio-b');
    await clock.run(second.release());
  });

  it('a lease left by a killed process is taken over only after it expired (TTL plus the skew allowance)', async () => {
    const { clock, docs, manager } = setup(conditional);
    const dead: LeaseRecord = {
      lectern: 'lease', schemaVersion: 1, resource: 'course-intro', label: 'Introduction', owner: 'gone', token: 't-gone', host: 'studio-dead', pid: 7,
      acquiredAt: new Date(clock.now() - 10_000).toISOString(), expiresAt: new Date(clock.now() + 50_000).toISOString(),
    };
    await docs.write(leaseKey('course-intro'), JSON.stringify(dead), null);
    const start = clock.now();
    const held = await clock.run(manager('studio-b').acquire(request({ waitMs: 5 * 60_000 })));
    expect(held.record.host).toBe('studio-b');
    expect(clock.now() - start).toBeGreaterThan(50_000 + TIMING.skewMs);
    expect(clock.now() - start).toBeLessThan(50_000 + TIMING.skewMs + TIMING.settleMs + 2 * TIMING.pollMs);
  });

  it('of many simultaneous contenders exactly one holds the lease at a time', async () => {
    const { clock, manager } = setup(conditional);
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const contender = async (host: string) => {
      const lease = await manager(host).acquire(request({ waitMs: 10 * 60_000 }));
      inside++;
      most = Math.max(most, inside);
      await clock.sleep(2000);
      await lease.assertHeld();
      order.push(host);
      inside--;
      await lease.release();
    };
    await clock.run(Promise.all(Array.from({ length: 8 }, (_, i) => contender(`studio-${i}`))));
    expect(most).toBe(1);
    expect(new Set(order).size).toBe(8);
  });

  it('a holder whose lease was taken over learns it before its next write', async () => {
    const { clock, docs, manager } = setup(conditional);
    const held = await clock.run(manager('studio-a').acquire(request()));
    const other = { ...parseLease((await docs.read(leaseKey('course-intro')))!.text)!, token: 't-other', host: 'studio-c' };
    await docs.write(leaseKey('course-intro'), JSON.stringify(other), null);
    await expect(clock.run(held.assertHeld())).rejects.toBeInstanceOf(LeaseLostError);
    await expect(clock.run(held.assertHeld())).rejects.toThrow(/taken over by studio-c/);
    await clock.run(held.release());
    // Release never deletes someone else's lease.
    expect(parseLease((await docs.read(leaseKey('course-intro')))!.text)?.host).toBe('studio-c');
  });

  it('a damaged lease object holds nothing and is replaced', async () => {
    const { clock, docs, manager } = setup(conditional);
    await docs.write(leaseKey('course-intro'), '{ not json', null);
    const held = await clock.run(manager('studio-a').acquire(request()));
    expect(parseLease((await docs.read(leaseKey('course-intro')))!.text)?.token).toBe(held.record.token);
    await clock.run(held.release());
    expect(await docs.read(leaseKey('course-intro'))).toBeNull();
  });
});

describe('lease records', () => {
  it('keys stay inside leases/ whatever the resource name holds', () => {
    expect(leaseKey('course-intro-101')).toBe('leases/course-intro-101.json');
    expect(leaseKey('course-../../catalog')).toBe('leases/course-.._.._catalog.json');
  });

  it('refuses records that are not Lectern leases', () => {
    expect(parseLease('{"lectern":"lease"}')).toBeNull();
    expect(parseLease('[]')).toBeNull();
    expect(parseLease('null')).toBeNull();
  });
});
