import { memo, useState, type KeyboardEvent } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Lecture } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { message } from '../state/message-text';
import { LectureMediaPanel } from '../media/LectureMediaPanel';
import { MediaSummary } from '../media/MediaSummary';
import { useVideoDrop } from '../media/use-video-drop';
import { deleteLecture, updateLecture } from '../state/drafts-actions';
import { RichTextField } from '../rich-text/RichTextField';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { ArrowDownIcon, ArrowUpIcon, GripIcon, NotesIcon, TrashIcon } from '../ui/icons';
import { dragId, type DragData } from './dnd-ids';
import { formatDuration } from '../i18n/format';
import { focusAfterRemoval } from './keep-focus';
import { moveDirection } from './move-keys';
import { stepLecture } from './step-moves';
import { isComposing } from '../ui/ime';

interface Props {
  lecture: Lecture;
  number: string;
  canMoveUp: boolean;
  canMoveDown: boolean;
}

/** Data props only: typing in or autosaving one lecture re-renders that row alone. */
export const LectureRow = memo(function LectureRow({ lecture, number, canMoveUp, canMoveDown }: Props) {
  const onStep = (direction: -1 | 1) => stepLecture(lecture.id, direction);
  const t = useT();
  const [showSummary, setShowSummary] = useState(lecture.summary.length > 0);
  const sortable = useSortable({ id: dragId('lecture', lecture.id), data: { kind: 'lecture', id: lecture.id, title: lecture.title } satisfies DragData, attributes: { roleDescription: t('editor.dragRole') } });
  const style = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition };
  const videoDrop = useVideoDrop(lecture.id);

  const onKeyDown = (e: KeyboardEvent) => {
    if (isComposing(e)) return;
    const direction = moveDirection(e);
    if (direction === null) return;
    // The section around this row listens for the same keys; this one is about the lecture.
    e.preventDefault();
    e.stopPropagation();
    onStep(direction);
  };

  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={`lecture-row${sortable.isDragging ? ' is-dragging' : ''}${videoDrop.over ? ' is-video-over' : ''}`}
      data-testid="lecture"
      data-lecture-id={lecture.id}
      data-focus-scope={`lecture:${lecture.id}`}
      onKeyDown={onKeyDown}
      {...videoDrop.props}
    >
      <div className="lecture-main">
        <button
          type="button"
          className="drag-handle"
          ref={sortable.setActivatorNodeRef}
          {...sortable.attributes}
          {...sortable.listeners}
          aria-label={t('editor.lecture.reorder', { number, title: lecture.title })}
          data-testid="lecture-handle"
        >
          <GripIcon />
        </button>
        <span className="row-number" aria-hidden="true">
          {number}
        </span>
        <AutosaveTextField
          fieldKey={`lecture:${lecture.id}:title`}
          label={message('autosave.saveFailed.lectureTitle', { title: lecture.title })}
          stored={lecture.title}
          save={(title) => call('lectures.update', { lectureId: lecture.id, patch: { title } })}
          labelText={t('editor.lecture.titleLabel', { number })}
          hideLabel
          className="lecture-title-field"
          testId="lecture-title"
        />
        <span className="lecture-duration" title={t('editor.lecture.durationTitle')} data-testid="lecture-duration">
          <span className="visually-hidden">{t('editor.lecture.durationLabel')}</span>
          {formatDuration(lecture.durationSec)}
        </span>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={lecture.freePreview}
            onChange={(e) => void updateLecture(lecture.id, { freePreview: e.target.checked })}
            data-testid="lecture-free-preview"
          />
          {t('editor.lecture.freePreview')}
        </label>
        <label className="visually-hidden" htmlFor={`status-${lecture.id}`}>
          {t('editor.lecture.status')}
        </label>
        <select
          id={`status-${lecture.id}`}
          className={`status-select status-${lecture.status}`}
          value={lecture.status}
          onChange={(e) => void updateLecture(lecture.id, { status: e.target.value === 'ready' ? 'ready' : 'draft' })}
          data-testid="lecture-status"
        >
          <option value="draft">{t('editor.lecture.statusDraft')}</option>
          <option value="ready">{t('editor.lecture.statusReady')}</option>
        </select>
        <MediaSummary lectureId={lecture.id} number={number} />
        <div className="row-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={t('editor.lecture.moveUp')}
            title={t('editor.moveUpTitle')}
            aria-keyshortcuts="Alt+ArrowUp"
            disabled={!canMoveUp}
            onClick={() => onStep(-1)}
            data-testid="lecture-move-up"
          >
            <ArrowUpIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('editor.lecture.moveDown')}
            title={t('editor.moveDownTitle')}
            aria-keyshortcuts="Alt+ArrowDown"
            disabled={!canMoveDown}
            onClick={() => onStep(1)}
            data-testid="lecture-move-down"
          >
            <ArrowDownIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-expanded={showSummary}
            aria-label={t('editor.lecture.summary')}
            title={t('editor.lecture.summary')}
            onClick={() => setShowSummary((v) => !v)}
            data-testid="lecture-summary-toggle"
          >
            <NotesIcon />
          </button>
          <button
            type="button"
            className="icon-button icon-danger"
            aria-label={t('editor.lecture.delete', { number })}
            title={t('editor.lecture.deleteTitle')}
            onClick={(e) => {
              const refocus = focusAfterRemoval(e.currentTarget, () =>
                e.currentTarget.closest('[data-testid="section"]')?.querySelector<HTMLElement>('[data-testid="new-lecture-title"]'),
              );
              void deleteLecture(lecture.id).then(refocus);
            }}
            data-testid="lecture-delete"
          >
            <TrashIcon />
          </button>
        </div>
      </div>
      <LectureMediaPanel lecture={lecture} number={number} />
      {showSummary && (
        <RichTextField
          fieldKey={`lecture:${lecture.id}:summary`}
          label={message('autosave.saveFailed.lectureSummary', { title: lecture.title })}
          stored={lecture.summary}
          save={(summary) => call('lectures.update', { lectureId: lecture.id, patch: { summary } })}
          labelText={t('editor.lecture.summary')}
          placeholder={t('editor.lecture.summaryPlaceholder')}
          className="lecture-summary"
          testId="lecture-summary"
        />
      )}
    </li>
  );
});
