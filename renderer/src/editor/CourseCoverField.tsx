import { useId, useState, type DragEvent } from 'react';
import type { CourseDetail } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { message, textIn, type Message } from '../state/message-text';
import { ErrorNotice } from '../ui/ErrorNotice';

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/**
 * The course's cover: a preview, "Choose image…" (system dialog) or a file dropped on the field, Replace
 * and Remove. Main checks the file by its bytes and says why it refuses one; the old cover stays then.
 * The new cover arrives with the course itself (drafts.changed refetches it).
 */
export function CourseCoverField({ course }: { course: CourseDetail }) {
  const id = useId();
  const t = useT();
  // Kept as messages and translated when drawn, so a language switch redraws them.
  const [busy, setBusy] = useState<Message | null>(null);
  // What went wrong, as thrown (main's refusal says why) or as the field's own sentence, with a lead.
  const [error, setError] = useState<{ lead?: MessageKey; error: unknown; own?: Message } | null>(null);
  const [over, setOver] = useState(false);
  const cover = course.cover ?? null;

  const setFrom = async (filePath: string) => {
    const name = filePath.split(/[\\/]/).pop();
    setBusy(name ? message('editor.cover.preparing', { name }) : message('editor.cover.preparingImage'));
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
      setError({ lead: 'editor.cover.dialogFailed', error: err });
      return;
    }
    if (picked !== null) await setFrom(picked);
  };
  const remove = async () => {
    setError(null);
    try {
      await call('courses.removeCover', { courseId: course.id });
    } catch (err) {
      setError({ lead: 'editor.cover.removeFailed', error: err });
    }
  };
  const drop = async (files: FileList) => {
    const file = files[0];
    if (!file) return;
    if (files.length > 1) return setError({ error: null, own: message('editor.cover.dropOne', { count: String(files.length) }) });
    const filePath = await window.lectern.pathForFile(file);
    if (!filePath) return setError({ error: null, own: message('editor.cover.notAFile', { name: file.name }) });
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
        {t('editor.cover.label')}
      </span>
      <div className="cover-body">
        {cover ? (
          <img className="cover-preview" src={cover.path} alt={t('editor.cover.alt')} data-testid="cover-preview" />
        ) : (
          <div className="cover-preview cover-placeholder" data-testid="cover-placeholder">
            {t('editor.cover.drop')}
          </div>
        )}
        <div className="cover-actions">
          <button type="button" className="button" onClick={() => void choose()} disabled={busy !== null} aria-describedby={`${id}-hint`} data-testid="cover-choose">
            {t(cover ? 'editor.cover.replace' : 'editor.cover.choose')}
          </button>
          {cover && (
            <button type="button" className="button button-danger-quiet" onClick={() => void remove()} disabled={busy !== null} data-testid="cover-remove">
              {t('editor.cover.remove')}
            </button>
          )}
          <p className="field-hint" id={`${id}-hint`}>
            {busy
              ? textIn(t, busy)
              : cover
                ? t('editor.cover.madeFrom', { name: cover.sourceName, width: String(cover.width), height: String(cover.height) })
                : t('editor.cover.hint')}
          </p>
          {error && (
            <ErrorNotice
              className="field-error"
              error={error.own ? textIn(t, error.own) : error.error}
              {...(error.lead ? { lead: t(error.lead) } : {})}
              data-testid="cover-error"
            />
          )}
        </div>
      </div>
    </div>
  );
}
