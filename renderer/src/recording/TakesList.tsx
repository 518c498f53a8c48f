import { useEffect, useState } from 'react';
import type { RecordingTake } from '../../../main/contract/types';
import { formatDuration } from '../i18n/format';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { takeDate, takeStatus } from './take-format';
import { deleteTake, loadTakes, takeAction, undoDeleteTake, watchTakes } from './takes-actions';
import { useLectureTakes, useTakes } from './takes-store';
import { TrimEditor } from './TrimEditor';
import { isComposing } from '../ui/ime';
import { ErrorNotice } from '../ui/ErrorNotice';
import { storedError } from '../errors/error-text';

/** A lecture's takes: play, rename, use, trim, delete with undo. Shown only once the lecture has one. */
export function TakesList({ lectureId }: { lectureId: string }) {
  const takes = useLectureTakes(lectureId);
  const t = useT();
  const lastDeleted = useTakes((s) => s.lastDeleted);
  const [playing, setPlaying] = useState<string | null>(null);
  const [trimming, setTrimming] = useState<RecordingTake | null>(null);

  useEffect(() => {
    watchTakes();
    void loadTakes(lectureId);
  }, [lectureId]);

  if (takes.length === 0 && lastDeleted?.lectureId !== lectureId) return null;
  return (
    <section className="takes" aria-label={t('recording.takes')} data-testid="takes">
      <h3 className="takes-title">{t('recording.takes')}</h3>
      <ul className="takes-list">
        {takes.map((take) => (
          <li key={take.id} className={take.inUse ? 'take take-in-use' : 'take'} data-testid="take" data-take-id={take.id} data-state={take.state}>
            {take.thumbnail ? <img className="take-thumb" src={take.thumbnail} alt="" /> : <span className="take-thumb" aria-hidden="true" />}
            <div className="take-body">
              <TakeName take={take} />
              <span className="take-facts">
                {formatDuration(take.durationSec)} · {takeDate(take.createdAt)}
                {take.inUse && <strong className="take-badge"> · {t('recording.take.lectureVideo')}</strong>}
              </span>
              {take.error && (take.state === 'failed' || take.trim?.state === 'failed') ? (
                <ErrorNotice inline className="take-status take-status-error" error={storedError(take.error, take.errorText)} lead={take.state === 'failed' ? t('recording.take.failedLead') : t('recording.take.trimFailedLead')} data-testid="take-status" />
              ) : (
                <span className={take.state === 'failed' ? 'take-status take-status-error' : 'take-status'} data-testid="take-status">
                  {takeStatus(take, t)}
                </span>
              )}
            </div>
            <div className="take-actions">
              {take.video && (
                <button type="button" className="button" aria-expanded={playing === take.id} onClick={() => setPlaying(playing === take.id ? null : take.id)} data-testid="take-play">
                  {playing === take.id ? t('recording.close') : t('recording.take.play')}
                </button>
              )}
              {take.state === 'ready' && !take.inUse && (
                <button type="button" className="button" onClick={() => void takeAction(() => call('recordings.use', { takeId: take.id }))} data-testid="take-use">
                  {t('recording.take.use')}
                </button>
              )}
              {take.state === 'ready' && (
                <button type="button" className="button" onClick={() => setTrimming(take)} data-testid="take-trim">
                  {t('recording.take.trim')}
                </button>
              )}
              {!take.inUse && take.state !== 'recording' && take.state !== 'paused' && (
                <button type="button" className="button button-danger-quiet" onClick={() => void deleteTake(take)} aria-label={t('recording.take.deleteLabel', { name: take.name })} data-testid="take-delete">
                  {t('recording.take.delete')}
                </button>
              )}
            </div>
            {playing === take.id && take.video && (
              <video className="take-video" src={take.video} controls autoPlay data-testid="take-video" aria-label={t('recording.take.videoLabel', { name: take.name })} />
            )}
          </li>
        ))}
      </ul>
      {lastDeleted?.lectureId === lectureId && (
        <p className="takes-undo" role="status" data-testid="take-undo-bar">
          <Rich id="recording.take.deleted" values={{ name: <bdi>{lastDeleted.name}</bdi> }} />{' '}
          <button type="button" className="button" onClick={() => void undoDeleteTake()} data-testid="take-undo">
            {t('recording.take.undo')}
          </button>
        </p>
      )}
      {trimming && <TrimEditor take={trimming} onClose={() => setTrimming(null)} />}
    </section>
  );
}

/** The take's name, editable in place: Enter or leaving the field saves, Escape puts it back. */
function TakeName({ take }: { take: RecordingTake }) {
  const [value, setValue] = useState(take.name);
  const t = useT();
  useEffect(() => setValue(take.name), [take.name]);
  const save = () => {
    const name = value.trim();
    if (!name || name === take.name) return setValue(take.name);
    void takeAction(() => call('recordings.rename', { takeId: take.id, name }));
  };
  return (
    <input
      className="take-name"
      aria-label={t('recording.take.nameLabel')}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (isComposing(e)) return;
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setValue(take.name);
      }}
      data-testid="take-name"
    />
  );
}
