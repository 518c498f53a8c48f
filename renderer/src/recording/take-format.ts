import type { RecordingTake } from '../../../main/contract/types';

/** The take's state as the list shows it. */
export function takeStatus(take: RecordingTake): string {
  switch (take.state) {
    case 'recording':
      return 'Recording…';
    case 'paused':
      return 'Paused';
    case 'unfinished':
      return 'Unfinished — recover or discard it';
    case 'finalizing':
      return 'Finishing…';
    case 'failed':
      return take.error ?? 'Could not be finished';
    case 'ready':
      if (take.trim?.state === 'working') return 'Trimming…';
      if (take.trim?.state === 'failed') return take.error ?? 'Trimming failed';
      return take.trim ? `Trimmed ${seconds(take.trim.startSec)}–${seconds(take.trim.endSec)}` : '';
  }
}

export { formatDateTime as takeDate } from '../i18n/format';

const seconds = (s: number): string => `${s.toFixed(1)} s`;
