import type { UniqueIdentifier } from '@dnd-kit/core';

/** Sections and lectures share one DndContext, so their drag ids carry the kind. */
export type DragKind = 'section' | 'lecture' | 'section-drop';

export interface DragData {
  kind: DragKind;
  /** The entity's own id (a lecture, or the section of a drop zone). */
  id: string;
  title: string;
}

export const dragId = (kind: DragKind, id: string): string => `${kind}:${id}`;

export function parseDragId(value: UniqueIdentifier): { kind: DragKind; id: string } | null {
  const m = /^(section|lecture|section-drop):(.+)$/.exec(String(value));
  return m ? { kind: m[1] as DragKind, id: m[2]! } : null;
}
