import { useEffect, useMemo, useState } from 'react';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { CourseDetail, SectionWithLectures } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { Rich } from '../i18n/Rich';
import { useT, type Translate } from '../i18n/use-t';
import { createSection, moveLecture, moveSection } from '../state/drafts-actions';
import { AddItemForm } from '../ui/AddItemForm';
import { dragId, parseDragId, type DragData, type DragKind } from './dnd-ids';
import { moveLectureIn, placeOfLecture } from './outline-moves';
import { useOutlineView } from './outline-view-store';
import { GripIcon } from '../ui/icons';
import { SectionCard } from './SectionCard';

function dataOf(x: { data: { current?: unknown } } | null | undefined): DragData | null {
  const d = x?.data.current;
  return d && typeof d === 'object' && 'kind' in d ? (d as DragData) : null;
}

/**
 * Sections are only compared with sections; lectures with lectures and with the drop zone of an empty
 * section. Otherwise a lecture dragged past a section header would try to swap with the section.
 */
function accepts(active: DragKind | undefined, target: DragKind | undefined): boolean {
  return active === 'section' ? target === 'section' : target === 'lecture' || target === 'section-drop';
}

const collisionDetection: CollisionDetection = (args) => {
  const kind = dataOf(args.active)?.kind;
  const candidates = { ...args, droppableContainers: args.droppableContainers.filter((c) => accepts(kind, dataOf(c)?.kind)) };
  // With a mouse, what is under the pointer wins: when a lecture enters another section the lists
  // reflow, and the dragged item's measured box jumps with them, so "closest to the dragged box" can
  // pick a section the user is not pointing at. The keyboard sensor has no pointer.
  if (args.pointerCoordinates) {
    const hits = pointerWithin(candidates);
    if (hits.length > 0) return hits;
  }
  return closestCenter(candidates);
};

/**
 * The keyboard sensor's arrow keys jump to the nearest droppable in that direction; left unfiltered,
 * a section would "move" onto a lecture of the section above and go nowhere. It only reads
 * getEnabled() and get() from the container map, so a filtered view of those two is enough.
 */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const all = args.context.droppableContainers;
  const kind = dataOf(args.context.active)?.kind;
  const view = { getEnabled: () => all.getEnabled().filter((c) => accepts(kind, dataOf(c)?.kind)), get: (id: UniqueIdentifier) => all.get(id) };
  return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: view as unknown as typeof all } });
};

/** What a screen reader hears on picking up: the kind of row decides the words (and, in Korean, the particle). */
const PICKED_UP: Record<DragKind, MessageKey> = {
  section: 'editor.dnd.pickedUpSection',
  lecture: 'editor.dnd.pickedUpLecture',
  'section-drop': 'editor.dnd.pickedUpItem',
};

const titleOf = (x: Parameters<typeof dataOf>[0]) => ({ title: dataOf(x)?.title ?? '' });

/** The live-region texts of a drag, in the active language. */
const announcementsIn = (t: Translate): Announcements => ({
  onDragStart: ({ active }) => t(PICKED_UP[dataOf(active)?.kind ?? 'section-drop'], titleOf(active)),
  // Over its own place is where it started: say nothing rather than "X is over X".
  onDragOver: ({ active, over }) =>
    over?.id === active.id
      ? undefined
      : over
        ? t('editor.dnd.over', { ...titleOf(active), target: dataOf(over)?.title ?? '' })
        : t('editor.dnd.notOver', titleOf(active)),
  onDragEnd: ({ active, over }) => t(over ? 'editor.dnd.dropped' : 'editor.dnd.droppedBack', titleOf(active)),
  onDragCancel: ({ active }) => t('editor.dnd.cancelled', titleOf(active)),
});

/** Sections that start within the first screenfuls of rows render at once, so opening shows no placeholders. */
const EAGER_LECTURES = 40;

function eagerSections(sections: SectionWithLectures[]): Set<string> {
  const ids = new Set<string>();
  let before = 0;
  for (const s of sections) {
    if (before >= EAGER_LECTURES) break;
    ids.add(s.id);
    before += s.lectures.length;
  }
  return ids;
}

/** The course outline: sections with their lectures, reorderable by mouse, keyboard sensor, Alt+Arrow and buttons. */
export function OutlineEditor({ course }: { course: CourseDetail }) {
  const t = useT();
  const accessibility = useMemo(() => ({ announcements: announcementsIn(t), screenReaderInstructions: { draggable: t('editor.dnd.instructions') } }), [t]);
  // While a lecture is dragged across sections the outline is shown as it would be after the drop.
  const [preview, setPreview] = useState<SectionWithLectures[] | null>(null);
  const [active, setActive] = useState<DragData | null>(null);
  const sections = preview ?? course.sections;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const onDragStart = ({ active: a }: DragStartEvent) => {
    setActive(dataOf(a));
    setPreview(course.sections);
  };

  const onDragOver = ({ active: a, over }: DragOverEvent) => {
    const dragged = dataOf(a);
    const target = dataOf(over);
    if (dragged?.kind !== 'lecture' || !target || !preview) return;
    const from = placeOfLecture(preview, dragged.id);
    const to = target.kind === 'section-drop' ? { sectionId: target.id, index: 0 } : target.kind === 'lecture' ? placeOfLecture(preview, target.id) : null;
    // Within one section the sortable strategy animates; only a change of section reshapes the lists.
    if (!from || !to || from.sectionId === to.sectionId) return;
    setPreview(moveLectureIn(preview, dragged.id, to.sectionId, to.index));
  };

  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    const dragged = parseDragId(a.id);
    const target = over ? parseDragId(over.id) : null;
    const outline = preview ?? course.sections;
    setPreview(null);
    setActive(null);
    if (!dragged || !target) return;
    if (dragged.kind === 'section' && target.kind === 'section') {
      const from = course.sections.findIndex((s) => s.id === dragged.id);
      const to = course.sections.findIndex((s) => s.id === target.id);
      if (from >= 0 && to >= 0 && from !== to) void moveSection(dragged.id, to);
      return;
    }
    if (dragged.kind !== 'lecture') return;
    let final = outline;
    if (target.kind === 'lecture' && target.id !== dragged.id) {
      const over = placeOfLecture(outline, target.id);
      if (over) final = moveLectureIn(outline, dragged.id, over.sectionId, over.index);
    }
    const before = placeOfLecture(course.sections, dragged.id);
    const after = placeOfLecture(final, dragged.id);
    if (before && after && (before.sectionId !== after.sectionId || before.index !== after.index)) void moveLecture(dragged.id, after.sectionId, after.index);
  };

  const sectionIds = useMemo(() => sections.map((s) => dragId('section', s.id)), [sections]);
  const eager = useMemo(() => eagerSections(sections), [sections]);
  // Which sections have rendered belongs to this course only.
  useEffect(() => () => useOutlineView.getState().reset(), [course.id]);

  return (
    <section className="outline" aria-labelledby="outline-heading">
      <div className="outline-header">
        <h2 id="outline-heading">{t('editor.outline.heading')}</h2>
        <p className="outline-help">
          <Rich id="editor.outline.help" values={{ grip: <GripIcon /> }} />
        </p>
      </div>
      {sections.length === 0 ? (
        <div className="empty-outline" data-testid="empty-outline">
          <p>
            <Rich id="editor.outline.empty" values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
          </p>
        </div>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={collisionDetection}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          onDragCancel={() => {
            setPreview(null);
            setActive(null);
          }}
          accessibility={accessibility}
          // The workspace scrolls the outline; scrolling the page instead would move it without
          // bringing the sections below (and their rows, rendered when near the workspace's view) in.
          autoScroll={{ canScroll: (el) => el !== document.scrollingElement }}
          // A lecture entering another section reflows every list below it; measure on every move.
          measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        >
          <SortableContext items={sectionIds} strategy={verticalListSortingStrategy}>
            <ol className="section-list" aria-label={t('editor.outline.sections')}>
              {sections.map((s, i) => (
                <SectionCard key={s.id} section={s} index={i} sectionCount={sections.length} eager={eager.has(s.id)} />
              ))}
            </ol>
          </SortableContext>
          <DragOverlay dropAnimation={null}>{active ? <div className={`drag-overlay drag-overlay-${active.kind}`} dir="auto">{active.title}</div> : null}</DragOverlay>
        </DndContext>
      )}
      <AddItemForm
        label={t('editor.outline.newSectionTitle')}
        placeholder={t('editor.outline.newSectionTitle')}
        buttonLabel={t('editor.outline.addSection')}
        add={(title) => createSection(course.id, title)}
        testIdPrefix="new-section"
      />
    </section>
  );
}
