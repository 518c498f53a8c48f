import { LecternError } from '../../../main/contract/errors';
import { translate } from '../i18n/format';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: unknown };

export interface AutosaverOptions<T> {
  save(value: T): Promise<unknown>;
  onStateChange?(state: AutosaveState): void;
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /**
   * Longest a change may wait while the user keeps typing. Without it a steady typist would never pause
   * long enough for the debounce to fire, and a crash would lose everything since they started.
   */
  maxWaitMs?: number;
  /** Retry delay after the connection to main was lost; other errors wait for the next edit. */
  retryMs?: number;
}

/**
 * Saves the latest value of one field: debounced with a maximum wait, flushable at once (blur, page
 * hide). Saves are sent without waiting for the previous one: main handles requests in the order they
 * arrive (the transport is ordered and handlers are synchronous), so the last one sent is the one
 * stored — and a flush during `pagehide` must go out immediately, not after an earlier round trip.
 */
export class Autosaver<T> {
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number;
  private latest: T | undefined;
  private unsaved = false;
  private firstUnsavedAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sent = 0;
  private inFlight = 0;
  private error: unknown = null;
  private current: AutosaveState = { kind: 'idle' };
  private disposed = false;
  private composing = false;

  constructor(private readonly options: AutosaverOptions<T>) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 600;
    this.retryMs = options.retryMs ?? 3000;
  }

  get state(): AutosaveState {
    return this.current;
  }

  /** True when nothing is waiting, travelling or failed: the stored value is what the user sees. */
  get settled(): boolean {
    return this.current.kind === 'idle';
  }

  change(value: T): void {
    this.latest = value;
    this.unsaved = true;
    this.firstUnsavedAt ??= Date.now();
    this.schedule();
    this.publish();
  }

  flush(): void {
    this.clearTimer();
    if (!this.unsaved) return;
    const value = this.latest as T;
    const seq = ++this.sent;
    this.unsaved = false;
    this.firstUnsavedAt = null;
    this.inFlight++;
    this.publish();
    this.options.save(value).then(
      () => this.settle(seq, null),
      (err: unknown) => this.settle(seq, err ?? new Error(translate('autosave.unknownError'))),
    );
  }

  /**
   * An IME composition opened (true) or closed (false) in the field. While it is open the value ends in
   * a half-built syllable (e.g. "안녀"), so timed saves wait; when it closes, a save that fell due goes
   * out at once with the committed text — before the next syllable's composition can open. Explicit
   * flushes (blur, leaving the page) still save whatever is there: losing nothing beats waiting.
   */
  composition(active: boolean): void {
    this.composing = active;
    if (active) {
      this.clearTimer();
      return;
    }
    if (!this.unsaved || this.disposed) return;
    if (Date.now() - (this.firstUnsavedAt ?? Date.now()) >= this.maxWaitMs) this.flush();
    else this.schedule();
  }

  /** Stops timers; a last flush is the caller's choice. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  /** Undoes dispose(): React may unmount and remount the same field (StrictMode, reordering). */
  activate(): void {
    this.disposed = false;
    if (this.unsaved && this.current.kind !== 'error') this.schedule();
  }

  private settle(seq: number, err: unknown): void {
    this.inFlight--;
    // An older request's outcome no longer describes what is stored: a newer value was sent after it.
    if (seq === this.sent) {
      this.error = err;
      if (err !== null && !this.unsaved) {
        this.unsaved = true;
        if (isConnectionLoss(err) && !this.disposed) this.timer = setTimeout(() => this.timedFlush(), this.retryMs);
      }
    }
    this.publish();
  }

  private schedule(): void {
    this.clearTimer();
    if (this.disposed || this.composing) return;
    const waited = Date.now() - (this.firstUnsavedAt ?? Date.now());
    this.timer = setTimeout(() => this.timedFlush(), Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - waited)));
  }

  /** A timer's save: held while composing; composition(false) sends it. */
  private timedFlush(): void {
    this.timer = null;
    if (!this.composing) this.flush();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(): void {
    const next: AutosaveState =
      this.error !== null ? { kind: 'error', error: this.error } : this.unsaved ? { kind: 'pending' } : this.inFlight > 0 ? { kind: 'saving' } : { kind: 'idle' };
    if (next.kind === this.current.kind && (next.kind !== 'error' || this.current.kind !== 'error' || next.error === this.current.error)) return;
    this.current = next;
    this.options.onStateChange?.(next);
  }
}

function isConnectionLoss(err: unknown): boolean {
  return err instanceof LecternError && err.code === 'unavailable';
}
