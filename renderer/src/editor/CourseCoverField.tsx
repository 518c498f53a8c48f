import { useId, useState, type DragEvent } from 'react';
import type { CourseDetail } from '../../../main/contract/types';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/**
 * The course's cover: a preview, "Choose image…" (system dialog) or a file dropped on the field, Replace
 * and Remove. Main checks the file by its bytes and says why it refuses one; the old cover stays then.
 * The new cover arrives with the course itself (drafts.changed refetches it).
 */
export function CourseCoverField({ course }: { course: CourseDetail }) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  // What went wrong, as thrown (main's refusal says why) or as the field's own sentence, with a lead.
  const [error, setError] = useState<{ lead?: string; error: unknown } | null>(null);
  const [over, setOver] = useState(false);
  const cover = course.cover ?? null;

  const setFrom = async (filePath: string) => {
    setBusy(`Preparing ${filePath.split(/[\\/]/).pop() ?? 'the image'}…`);
    setError(null);
    try {
      await call('courses.setCover', { courseId: course.id, filePath });
    } catch (err) {
      setError({ error: err });
    } finally {
      setBusy(null);
    }
  };
  const choose = async () => {
    let picked: string | null;
    try {
      picked = (await call('dialog.pickImageFile', {})).filePath;
    } catch (err) {
      setError({ lead: "Couldn't open the file dialog.", error: err });
      return;
    }
    if (picked !== null) await setFrom(picked);
  };
  const remove = async () => {
    setError(null);
    try {
      await call('courses.removeCover', { courseId: course.id });
    } catch (err) {
      setError({ lead: "Couldn't remove the cover.", error: err });
    }
  };
  const drop = async (files: FileList) => {
    const file = files[0];
    if (!file) return;
    if (files.length > 1) return setError({ error: `Drop one image at a time (${files.length} files were dropped).` });
    const filePath = await window.lectern.pathForFile(file);
    if (!filePath) return setError({ error: `“${file.name}” is not a file on this computer (was it dragged from a web page?). Save it to a folder first, then add it.` });
    await setFrom(filePath);
  };

  return (
    <div
      className={`field cover-field${over ? ' cover-field-over' : ''}`}
      data-testid="course-cover"
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        // Without this the drop would open the image in the window instead.
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void drop(e.dataTransfer.files);
      }}
    >
      <span className="field-label" id={`${id}-label`}>
        Cover image
      </span>
      <div className="cover-body">
        {cover ? (
          <img className="cover-preview" src={cover.path} alt="Course cover" data-testid="cover-preview" />
        ) : (
          <div className="cover-preview cover-placeholder" data-testid="cover-placeholder">
            Drop an image here
          </div>
        )}
        <div className="cover-actions">
          <button type="button" className="button" onClick={() => void choose()} disabled={busy !== null} aria-describedby={`${id}-hint`} data-testid="cover-choose">
            {cover ? 'Replace…' : 'Choose image…'}
          </button>
          {cover && (
            <button type="button" className="button button-danger-quiet" onClick={() => void remove()} disabled={busy !== null} data-testid="cover-remove">
              Remove
            </button>
          )}
          <p className="field-hint" id={`${id}-hint`}>
            {busy ??
              (cover
                ? `Made from ${cover.sourceName} · ${cover.width}×${cover.height}`
                : 'JPEG, PNG or WebP up to 20 MiB, cropped to 16:9. Without one, students see the first lecture’s poster.')}
          </p>
          {error && <ErrorNotice className="field-error" error={error.error} {...(error.lead ? { lead: error.lead } : {})} data-testid="cover-error" />}
        </div>
      </div>
    </div>
  );
}
