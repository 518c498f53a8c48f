/**
 * Pause for a set of running requests: `pause()` aborts whatever is in flight (through `signal`) and
 * holds new requests in `whenOpen()` until `resume()`. An abort caused by a pause is not a failure: the
 * request runs again once resumed, without spending a retry.
 */
export class PauseGate {
  private ctl = new AbortController();
  private waiters: (() => void)[] = [];
  private paused = false;

  get isPaused(): boolean {
    return this.paused;
  }

  /** Aborted when a pause lands; capture it when a request starts. */
  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.ctl.abort(new Error('paused'));
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.ctl = new AbortController();
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  whenOpen(cancel: AbortSignal): Promise<void> {
    cancel.throwIfAborted();
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onCancel = () => reject(cancel.reason);
      cancel.addEventListener('abort', onCancel, { once: true });
      this.waiters.push(() => {
        cancel.removeEventListener('abort', onCancel);
        resolve();
      });
    });
  }
}
