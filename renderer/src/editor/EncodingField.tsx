import { useEffect, useId, useState } from 'react';
import type { Course, EncodingQuality } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { FieldMessages } from '../ui/FieldMessages';

const CHOICES: readonly { value: EncodingQuality; label: MessageKey }[] = [
  { value: 'smaller', label: 'editor.encoding.smaller' },
  { value: 'balanced', label: 'editor.encoding.balanced' },
  { value: 'higher', label: 'editor.encoding.higher' },
];

const isEncoding = (v: string): v is EncodingQuality => CHOICES.some((c) => c.value === v);

/** The course's video encoding; a change queues the re-encode of lectures already built. */
export function EncodingField({ course }: { course: Course }) {
  const id = useId();
  const t = useT();
  const [value, setValue] = useState<EncodingQuality>(course.encoding);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setValue(course.encoding), [course.encoding]);
  const choose = (next: string) => {
    if (!isEncoding(next) || next === value) return;
    const before = value;
    setValue(next);
    setError(null);
    call('courses.update', { courseId: course.id, patch: { encoding: next } }).catch((err: unknown) => {
      setValue(before);
      setError(err);
    });
  };
  return (
    <div className="field field-narrow">
      <label htmlFor={id} className="field-label">
        {t('editor.encoding.label')}
      </label>
      <select id={id} value={value} onChange={(e) => choose(e.target.value)} aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`} data-testid="course-encoding">
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {t(c.label)}
          </option>
        ))}
      </select>
      <FieldMessages
        hint={t('editor.encoding.hint')}
        hintId={`${id}-hint`}
        error={error}
        lead={t('editor.encoding.failed')}
        errorId={`${id}-error`}
      />
    </div>
  );
}
