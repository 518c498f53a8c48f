import type { LeaseClock, PutCondition, StoredDoc } from '../../main/services/leases/lease';
import type { CatalogStore } from '../../main/services/uploads/catalog-update';

/**
 * Virtual time for lease tests: `sleep` waits for the clock to reach its deadline, and `run` lets every
 * pending promise settle, then jumps to the next deadline, until `until` settles. Periodic callbacks
 * (`every`) fire as time passes, like timers would.
 */
export class FakeClock implements LeaseClock {
  private t = Date.parse('2026-12-01T10:00:00Z');
  private timers: { at: number; fire: () => void; every?: number }[] = [];
  private seed = 1;

  now(): number {
    return this.t;
  }

  random(): number {
    // Deterministic and spread out, so jitter still separates contenders.
    this.seed = (this.seed * 16807) % 2147483647;
    return this.seed / 2147483647;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), fire: resolve }));
  }

  every(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + ms, fire: fn, every: ms };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  advance(ms: number): void {
    this.t += ms;
  }

  async run<T>(until: Promise<T>, limitMs = 3_600_000): Promise<T> {
    let settled = false;
    const outcome = { ok: false, value: undefined as T | undefined, error: undefined as unknown };
    until.then(
      (value) => {
        settled = true;
        Object.assign(outcome, { ok: true, value });
      },
      (error: unknown) => {
        settled = true;
        outcome.error = error;
      },
    );
    const end = this.t + limitMs;
    for (;;) {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      if (settled) {
        if (outcome.ok) return outcome.value as T;
        throw outcome.error;
      }
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next || next.at > end) throw new Error('FakeClock.run: nothing left to wait for and the promise is still pending');
      this.t = Math.max(this.t, next.at);
      if (next.every) this.timers.push({ ...next, at: this.t + next.every });
      next.fire();
    }
  }
}

/** An in-memory hub; `conditional` decides whether If-Match / If-None-Match are honoured (else ignored, like a server without them). */
export class MemoryDocs implements CatalogStore {
  readonly docs = new Map<string, StoredDoc>();
  writes = 0;
  private n = 0;

  constructor(readonly conditional: boolean) {}

  async read(hubPath: string): Promise<StoredDoc | null> {
    await tick();
    const d = this.docs.get(hubPath);
    return d ? { ...d } : null;
  }

  async write(hubPath: string, text: string, condition: PutCondition): Promise<string | null> {
    await tick();
    // Check and store in one step, as a server does.
    const cur = this.docs.get(hubPath);
    if (this.conditional && condition) {
      if ('ifNoneMatch' in condition && cur) return null;
      if ('ifMatch' in condition && cur?.etag !== condition.ifMatch) return null;
    }
    this.writes++;
    const etag = `"e${++this.n}"`;
    this.docs.set(hubPath, { text, etag });
    return etag;
  }

  async list(prefix: string): Promise<string[]> {
    await tick();
    return [...this.docs.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async remove(hubPath: string): Promise<void> {
    await tick();
    this.docs.delete(hubPath);
  }
}

/** A few turns of the microtask queue, so concurrent callers interleave between request and answer. */
async function tick(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}
