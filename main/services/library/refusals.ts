import type { LecternError } from '../../contract/errors';
import type { ServiceText } from '../../contract/service-text';
import { formatText } from '../text/format-text';
import { userError } from '../text/user-error';

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
  return userError('unavailable', 'svc.library.noneDownloadable', { count: String(refused.length), title: courseTitle, cause: `${shown.join('; ')}${more}` });
}

/**
 * "7 of 8 lectures downloaded; «Title» was refused: …" — the one-line summary the CLI and the UI show, in
 * `language` (the refusal reasons are technical English either way).
 */
export function downloadSummary(downloaded: number, refused: readonly { title: string; reason: string }[], language = 'en'): string {
  const say = (text: ServiceText) => formatText(text, language);
  const total = downloaded + refused.length;
  // Counts as plain digits (as the English always printed them); `n` only picks the plural form.
  const head = say({ key: 'svc.library.summary', values: { downloaded: String(downloaded), total: String(total), n: total } });
  const items = refused.map((r) => say({ key: 'svc.library.refusedItem', values: { title: r.title, reason: r.reason } }));
  return refused.length === 0 ? head : `${head}; ${items.join('; ')}`;
}
