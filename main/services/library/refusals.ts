import { LecternError } from '../../contract/errors';

/** A lecture of a whole-course download that could not be planned or queued, and why. */
export interface RefusedLecture {
  lectureId: string;
  title: string;
  reason: string;
}

/** The reason alone, without the "Could not download «…»:" the manager puts in front of it. */
export function reasonOf(err: unknown, title: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = `Could not download «${title}»: `;
  return (message.startsWith(prefix) ? message.slice(prefix.length) : message).replace(/\.$/, '');
}

/**
 * The error for a course download where no lecture passed its checks: every refusal by title, so the
 * student (or the hub's author) can see what to fix without reading ids.
 */
export function nothingToDownload(courseTitle: string, refused: readonly RefusedLecture[]): LecternError {
  const shown = refused.slice(0, 5).map((r) => `«${r.title}» was refused: ${r.reason}`);
  const more = refused.length > 5 ? `; and ${refused.length - 5} more` : '';
  return new LecternError('unavailable', `None of the ${refused.length} lecture(s) of "${courseTitle}" can be downloaded: ${shown.join('; ')}${more}.`);
}

/** "7 of 8 lectures downloaded; «Title» was refused: …" — the one-line summary the CLI and the UI show. */
export function downloadSummary(downloaded: number, refused: readonly { title: string; reason: string }[]): string {
  const total = downloaded + refused.length;
  const head = `${downloaded} of ${total} lecture${total === 1 ? '' : 's'} downloaded`;
  return refused.length === 0 ? head : `${head}; ${refused.map((r) => `«${r.title}» was refused: ${r.reason}`).join('; ')}`;
}
