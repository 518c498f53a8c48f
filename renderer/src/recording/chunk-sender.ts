import { LecternError } from '../../../main/contract/errors';
import { call } from '../ipc';

/**
 * Sends MediaRecorder slices to main one at a time, in order, each with its number: main appends and
 * journals it, ignores a number it already has (a retry) and refuses a gap. A slice that fails for a
 * passing reason is retried; one main refuses for lack of disk space stops the take's recording.
 */
export class ChunkSender {
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly takeId: string,
    private readonly onProblem: (err: LecternError) => void,
  ) {}

  push(blob: Blob, elapsedMs: number): void {
    if (blob.size === 0 || this.stopped) return;
    const seq = this.seq++;
    this.queue = this.queue.then(() => this.send(seq, blob, elapsedMs));
  }

  /** Resolves when every slice pushed so far has been journaled (or given up on). */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Drops slices not sent yet (the take is being discarded). */
  cancel(): void {
    this.stopped = true;
  }

  private async send(seq: number, blob: Blob, elapsedMs: number): Promise<void> {
    const data = await toBase64(blob);
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await call('recordings.appendChunk', { takeId: this.takeId, seq, data, elapsedMs });
        return;
      } catch (err) {
        const e = err instanceof LecternError ? err : new LecternError('internal', String(err));
        // Out of disk space, or the take is gone: retrying cannot help.
        if (e.code !== 'internal' || attempt >= 4) {
          this.stopped = true;
          this.onProblem(e);
          return;
        }
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }
}

/**
 * FileReader encodes off the main thread's hot path. A data URL is "data:<type>;base64,<data>", and the
 * type itself holds commas ("video/webm;codecs=vp8,opus"), so the payload starts after ";base64,".
 */
const BASE64_MARK = ';base64,';

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(BASE64_MARK) + BASE64_MARK.length));
    };
    reader.onerror = () => reject(reader.error ?? new Error('Could not read a recorded slice'));
    reader.readAsDataURL(blob);
  });
}
