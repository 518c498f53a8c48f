import { queueOrder, type QueueRank } from './download-store';

/** A download waiting for a slot. */
interface SlotWaiter {
  id: string;
  grant: () => void;
}

/**
 * The `maxActiveDownloads` fetch slots: who holds one, who waits, and in which order a freed slot is
 * handed on (priority, then oldest first, as the store ranks them).
 */
export class DownloadSlots {
  /** Downloads holding a fetch slot. */
  private readonly holders = new Set<string>();
  private waiting: SlotWaiter[] = [];

  constructor(
    private readonly max: () => number,
    private readonly rankOf: (id: string) => QueueRank | null,
  ) {}

  isWaiting(id: string): boolean {
    return this.waiting.some((w) => w.id === id);
  }

  /** The holder that would be last in the queue, if it ranks below `priority`: the one to step back. */
  lowestBelow(priority: number): string | null {
    let victim: { id: string; rank: QueueRank } | null = null;
    for (const holder of this.holders) {
      const rank = this.rankOf(holder);
      if (rank && rank.priority < priority && (!victim || queueOrder(rank, victim.rank) > 0)) victim = { id: holder, rank };
    }
    return victim?.id ?? null;
  }

  /** Takes a slot now, or calls `onWait` and waits for one; rejects with the signal's reason when aborted. */
  take(id: string, signal: AbortSignal, onWait: () => void): Promise<void> {
    if (this.holders.size < this.max()) {
      this.holders.add(id);
      return Promise.resolve();
    }
    onWait();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(signal.reason);
      };
      const waiter: SlotWaiter = {
        id,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.holders.add(id);
          resolve();
        },
      };
      this.waiting.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the slot straight to the first waiter in queue order, so nobody can take it in between. */
  release(id: string): void {
    this.holders.delete(id);
    const ranked = this.waiting.map((w) => ({ w, rank: this.rankOf(w.id) ?? { priority: 0, createdAt: 0 } }));
    const next = ranked.sort((a, b) => queueOrder(a.rank, b.rank))[0]?.w;
    if (!next) return;
    this.waiting = this.waiting.filter((w) => w !== next);
    next.grant();
  }
}
