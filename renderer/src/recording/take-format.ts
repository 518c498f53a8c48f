import type { RecordingTake } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';

/** `t` from useT, or `translate` outside React. */
export type TakeTranslate = (key: MessageKey, values?: Record<string, string | number>) => string;

const STATES: Record<Exclude<RecordingTake['state'], 'ready'>, MessageKey> = {
  recording: 'recording.take.recording',
  paused: 'recording.take.paused',
  unfinished: 'recording.take.unfinished',
  finalizing: 'recording.take.finalizing',
  failed: 'recording.take.failed',
};

/**
 * The take's state as the list shows it. A failed take or trim that carries main's error is shown
 * through ErrorNotice instead (TakesList), so these are the words for when there is none.
 */
export function takeStatus(take: RecordingTake, t: TakeTranslate): string {
  if (take.state !== 'ready') return t(STATES[take.state]);
  if (take.trim?.state === 'working') return t('recording.take.trimming');
  if (take.trim?.state === 'failed') return t('recording.take.trimFailed');
  return take.trim ? t('recording.take.trimmed', { start: take.trim.startSec, end: take.trim.endSec }) : '';
}

export { formatDateTime as takeDate } from '../i18n/format';
