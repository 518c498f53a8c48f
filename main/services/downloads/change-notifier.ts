/** Wakes the player's requests waiting on a download whenever one of its files lands or it stops. */
export class ChangeNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Resolves when `notify(id)` is called, after `ms`, or when `signal` aborts. */
  next(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const listeners = this.listeners.get(id) ?? new Set<() => void>();
      this.listeners.set(id, listeners);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        listeners.delete(done);
        if (listeners.size === 0 && this.listeners.get(id) === listeners) this.listeners.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      listeners.add(done);
    });
  }

  notify(id: string): void {
    for (const wake of [...(this.listeners.get(id) ?? [])]) wake();
  }
}
