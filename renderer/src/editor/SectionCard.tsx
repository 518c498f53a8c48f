import { memo, useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { SectionWithLectures } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { message } from '../state/message-text';
import { createLecture, deleteSection } from '../state/drafts-actions';
import { AddItemForm } from '../ui/AddItemForm';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { ArrowDownIcon, ArrowUpIcon, GripIcon, TrashIcon } from '../ui/icons';
import { dragId, type DragData } from './dnd-ids';
import { focusAfterRemoval } from './keep-focus';
import { moveDirection } from './move-keys';
import { LectureRow } from './LectureRow';
import { useSectionShown } from './outline-view-store';
import { stepSection } from './step-moves';
import { useShowWhenNear } from './use-show-when-near';
import { isComposing } from '../ui/ime';

interface Props {
  section: SectionWithLectures;
  index: number;
  sectionCount: number;
  /** Near the top of the outline: render the rows at once instead of waiting to be scrolled near. */
  eager: boolean;
}

/** Takes only data props, so a change elsewhere in the course (an autosave's echo) skips this section. */
export const SectionCard = memo(function SectionCard({ section, index, sectionCount, eager }: Props) {
  const t = useT();
  const sortable = useSortable({ id: dragId('section', section.id), data: { kind: 'section', id: section.id, title: section.title } satisfies DragData, attributes: { roleDescription: t('editor.dragRole') } });
  // Lets a lecture be dropped into a section that has none yet.
  const drop = useDroppable({
    id: dragId('section-drop', section.id),
    data: { kind: 'section-drop', id: section.id, title: section.title } satisfies DragData,
    disabled: section.lectures.length > 0,
  });
  const style = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition };
  // A string, so it reads "12" in every language rather than going through number formatting.
  const number = String(index + 1);
  const element = useRef<HTMLLIElement | null>(null);
  const setNodeRef = sortable.setNodeRef;
  const setRef = useCallback(
    (el: HTMLLIElement | null) => {
      element.current = el;
      setNodeRef(el);
    },
    [setNodeRef],
  );
  const shown = useSectionShown(section.id) || eager || section.lectures.length === 0;
  useShowWhenNear(element, section.id, shown);
  const lectureIds = useMemo(() => (shown ? section.lectures.map((l) => dragId('lecture', l.id)) : []), [shown, section.lectures]);
  const onStepSection = (direction: -1 | 1) => stepSection(section.id, direction);

  const onKeyDown = (e: KeyboardEvent) => {
    if (isComposing(e)) return;
    const direction = moveDirection(e);
    if (direction === null) return;
    e.preventDefault();
    onStepSection(direction);
  };

  return (
    <li
      ref={setRef}
      style={style}
      className={`section-card${sortable.isDragging ? ' is-dragging' : ''}`}
      data-testid="section"
      data-section-id={section.id}
      aria-labelledby={`section-label-${section.id}`}
    >
      <div className="section-header" data-focus-scope={`section:${section.id}`} onKeyDown={onKeyDown}>
        <button
          type="button"
          className="drag-handle"
          ref={sortable.setActivatorNodeRef}
          {...sortable.attributes}
          {...sortable.listeners}
          aria-label={t('editor.section.reorder', { number, title: section.title })}
          data-testid="section-handle"
        >
          <GripIcon />
        </button>
        <span className="section-eyebrow" id={`section-label-${section.id}`}>
          {t('editor.section.eyebrow', { number })}
        </span>
        <AutosaveTextField
          fieldKey={`section:${section.id}:title`}
          label={message('autosave.saveFailed.sectionTitle', { title: section.title })}
          stored={section.title}
          save={(title) => call('sections.update', { sectionId: section.id, patch: { title } })}
          labelText={t('editor.section.titleLabel', { number })}
          hideLabel
          className="section-title-field"
          testId="section-title"
        />
        <div className="row-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={t('editor.section.moveUp')}
            title={t('editor.moveUpTitle')}
            aria-keyshortcuts="Alt+ArrowUp"
            disabled={index === 0}
            onClick={() => onStepSection(-1)}
            data-testid="section-move-up"
          >
            <ArrowUpIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('editor.section.moveDown')}
            title={t('editor.moveDownTitle')}
            aria-keyshortcuts="Alt+ArrowDown"
            disabled={index === sectionCount - 1}
            onClick={() => onStepSection(1)}
            data-testid="section-move-down"
          >
            <ArrowDownIcon />
          </button>
          <button
            type="button"
            className="icon-button icon-danger"
            aria-label={t('editor.section.delete', { number })}
            title={t('editor.section.deleteTitle')}
            onClick={(e) => {
              const refocus = focusAfterRemoval(e.currentTarget, () => document.querySelector<HTMLElement>('[data-testid="new-section-title"]'));
              void deleteSection(section.id).then(refocus);
            }}
            data-testid="section-delete"
          >
            <TrashIcon />
          </button>
        </div>
      </div>
      {shown ? (
        <SortableContext items={lectureIds} strategy={verticalListSortingStrategy}>
          <ol ref={drop.setNodeRef} className={`lecture-list${drop.isOver ? ' is-over' : ''}`} aria-label={t('editor.section.lectures', { number })}>
            {section.lectures.map((l, j) => (
              <LectureRow
                key={l.id}
                lecture={l}
                number={`${number}.${j + 1}`}
                // At a section's edge a lecture steps into the neighbouring section, if there is one.
                canMoveUp={j > 0 || index > 0}
                canMoveDown={j < section.lectures.length - 1 || index < sectionCount - 1}
              />
            ))}
          </ol>
        </SortableContext>
      ) : (
        // Same height as the rows it stands for, so the scrollbar and the sections below stay put.
        <div className="lecture-list-placeholder" style={{ height: `calc(${section.lectures.length} * var(--lecture-row-estimate))` }} data-testid="lecture-list-placeholder" />
      )}
      {section.lectures.length === 0 && <p className="empty-hint">{t('editor.section.empty')}</p>}
      <AddItemForm
        label={t('editor.section.newLectureLabel', { number })}
        placeholder={t('editor.section.newLectureTitle')}
        buttonLabel={t('editor.section.addLecture')}
        add={(title) => createLecture(section.id, title)}
        testIdPrefix="new-lecture"
      />
    </li>
  );
});
