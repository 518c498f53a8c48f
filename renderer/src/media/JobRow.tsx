import type { MediaJob } from '../../../main/contract/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { buildMedia, cancelJob } from './media-actions';
import { formatAboutLeft, formatPercent } from '../i18n/format';
import { useT } from '../i18n/use-t';
import { JOB_LABELS, JOB_STATUS } from './media-format';
import { storedError } from '../errors/error-text';

/** One output being made: its state, a progress bar with percent and time left, and cancel or retry. */
export function JobRow({ job }: { job: MediaJob }) {
  const t = useT();
  const label = t(JOB_LABELS[job.kind]);
  const percent = job.status === 'done' ? 100 : Math.floor(job.percent);
  const active = job.status === 'queued' || job.status === 'running';
  const state = job.status === 'running' ? formatPercent(percent) : t(JOB_STATUS[job.status]);
  const left = job.status === 'running' ? formatAboutLeft(job.etaSec) : '';
  return (
    <li className={`media-job media-job-${job.status}`} data-testid="media-job" data-job-id={job.id} data-kind={job.kind} data-status={job.status}>
      <span className="media-job-label">{label}</span>
      <progress
        className="media-job-bar"
        max={100}
        value={job.status === 'queued' ? undefined : percent}
        aria-label={t('media.job.progress', { label })}
        aria-valuetext={state}
        data-testid="media-job-progress"
      />
      <span className="media-job-state" data-testid="media-job-state">
        {state}
        {left && <span className="media-job-eta"> · {left}</span>}
      </span>
      {active && (
        <button type="button" className="button media-job-action" onClick={() => void cancelJob(job.lectureId, job.id)} data-testid="media-job-cancel">
          {t('media.job.cancel')}
          <span className="visually-hidden"> {label}</span>
        </button>
      )}
      {(job.status === 'failed' || job.status === 'cancelled') && (
        <button type="button" className="button media-job-action" onClick={() => void buildMedia(job.lectureId, [job.kind])} data-testid="media-job-retry">
          {job.status === 'failed' ? t('media.job.retry') : t('media.job.runAgain')}
          <span className="visually-hidden"> {label}</span>
        </button>
      )}
      {job.error && <ErrorNotice className="media-job-error" error={storedError(job.error, job.errorText)} data-testid="media-job-error" />}
    </li>
  );
}
