import { useState, type DragEvent } from 'react';
import { dropVideo } from './media-actions';

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/**
 * Native file drops onto a lecture (from the file manager). Only drags carrying files are taken, so
 * dnd-kit's pointer-driven reordering and text drags into fields are left alone.
 */
export function useVideoDrop(lectureId: string) {
  const [over, setOver] = useState(false);
  return {
    over,
    props: {
      onDragEnter(e: DragEvent<HTMLElement>) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(true);
      },
      onDragOver(e: DragEvent<HTMLElement>) {
        if (!carriesFiles(e)) return;
        // Without this the drop would open the file in the window instead.
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave(e: DragEvent<HTMLElement>) {
        // Moving between the row's children fires leave/enter pairs; only leaving the row counts.
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setOver(false);
      },
      onDrop(e: DragEvent<HTMLElement>) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void dropVideo(lectureId, e.dataTransfer.files);
      },
    },
  };
}
