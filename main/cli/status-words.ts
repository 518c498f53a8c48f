import type { PublishRunState } from '../contract/domains/publishing-types';
import type { ServiceText, TextKey } from '../contract/service-text';
import type { MediaJobKind, MediaJobStatus } from '../contract/types';
import { formatText } from '../services/text/format-text';
import { cliLanguage } from './cli-language';

// Literal keys (not built at run time) so `npm run lint` sees each one used.
const MEDIA_STATUS: Record<MediaJobStatus, TextKey> = {
  queued: 'svc.media.status.queued',
  running: 'svc.media.status.running',
  done: 'svc.media.status.done',
  failed: 'svc.media.status.failed',
  cancelled: 'svc.media.status.cancelled',
};
const MEDIA_KIND: Record<MediaJobKind, TextKey> = {
  poster: 'svc.media.kind.poster',
  storyboard: 'svc.media.kind.storyboard',
  ladder: 'svc.media.kind.ladder',
  preview: 'svc.media.kind.preview',
};
const RUN_STATE: Record<PublishRunState, TextKey> = {
  queued: 'svc.publishing.state.queued',
  running: 'svc.publishing.state.running',
  paused: 'svc.publishing.state.paused',
  failed: 'svc.publishing.state.failed',
  done: 'svc.publishing.state.done',
  cancelled: 'svc.publishing.state.cancelled',
};

/** English keeps the status as the services name it (scripts match it); another language says it in words. */
const word = (value: string, key: TextKey, language: string): string => (language === 'en' ? value : formatText({ key }, language));

export const mediaStatusWord = (status: MediaJobStatus, language = cliLanguage()): string => word(status, MEDIA_STATUS[status], language);
export const mediaKindWord = (kind: MediaJobKind, language = cliLanguage()): string => word(kind, MEDIA_KIND[kind], language);
export const runStateWord = (state: PublishRunState, language = cliLanguage()): string => word(state, RUN_STATE[state], language);

/**
 * A stored error (a job's, a run's) in the terminal's language: English as stored (what scripts may match);
 * another language from its message id when it has one, the technical cause (if any) after it.
 */
export function storedErrorText(error: string, text: ServiceText | null | undefined, language = cliLanguage()): string {
  if (!text || language === 'en') return error;
  const cause = text.values?.cause;
  return `${formatText(text, language)}${cause === undefined ? '' : ` (${String(cause)})`}`;
}
