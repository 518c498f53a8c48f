import { useEffect, useRef, useState } from 'react';
import { message, type Text } from '../state/message-text';
import { useNotices } from '../state/notices-store';
import { useSaveStatus } from '../state/save-status-store';
import { Autosaver, type AutosaveState } from './autosaver';
import { flushOnLeave } from './flush-on-leave';

export interface AutosavedField {
  value: string;
  /** Why the last save was refused (shown through ErrorNotice); null when saved or saving. */
  error: unknown;
  onChange(value: string): void;
  onFocus(): void;
  onBlur(): void;
  /** Wire to the field's compositionstart/compositionend: timed saves wait for the IME to commit. */
  onCompositionStart(): void;
  onCompositionEnd(): void;
}

export interface AutosavedFieldOptions {
  /** Unique per field on screen, e.g. `course:<id>:title`. */
  fieldKey: string;
  /** What main last said the value is. */
  stored: string;
  save(value: string): Promise<unknown>;
  /**
   * The notice's lead if the field goes away with a save still refused (e.g. switching course): a
   * Message is the whole lead ("Couldn't save the title of “Algebra”."); a plain string names the field
   * ("the captions label") and goes into `autosave.saveFailed`.
   */
  label: Text;
}

/**
 * Text the user edits, saved as they type. The field keeps its own text: a value from main replaces it
 * only while the field is not focused and has nothing unsaved, so an echo of an older save can never
 * overwrite newer keystrokes.
 */
export function useAutosavedField({ fieldKey, stored, save, label }: AutosavedFieldOptions): AutosavedField {
  const [value, setValue] = useState(stored);
  const [error, setError] = useState<unknown>(null);
  const focused = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const labelRef = useRef(label);
  labelRef.current = label;
  const mounted = useRef(true);

  const [saver] = useState(
    () =>
      new Autosaver<string>({
        save: (v) => saveRef.current(v),
        onStateChange: (state: AutosaveState) => {
          // A notice left by an earlier refusal of this field is wrong once it saves.
          if (state.kind === 'idle') useNotices.getState().clear(noticeKey(fieldKey));
          if (mounted.current) {
            useSaveStatus.getState().report(fieldKey, state);
            setError(state.kind === 'error' ? state.error : null);
          } else if (state.kind === 'error') {
            useSaveStatus.getState().report(fieldKey, null);
            useNotices.getState().pushError(failedLead(labelRef.current), state.error, { key: noticeKey(fieldKey) });
          } else if (state.kind === 'idle') {
            useSaveStatus.getState().report(fieldKey, null);
          }
        },
      }),
  );

  useEffect(() => {
    mounted.current = true;
    saver.activate();
    const stop = flushOnLeave(saver);
    return () => {
      mounted.current = false;
      stop();
      saver.flush();
      saver.dispose();
      if (saver.settled) useSaveStatus.getState().report(fieldKey, null);
    };
  }, [saver, fieldKey]);

  useEffect(() => {
    if (!focused.current && saver.settled) setValue(stored);
  }, [stored, saver]);

  return {
    value,
    error,
    onChange(next) {
      setValue(next);
      saver.change(next);
    },
    onFocus() {
      focused.current = true;
    },
    onBlur() {
      focused.current = false;
      saver.flush();
    },
    onCompositionStart() {
      saver.composition(true);
    },
    onCompositionEnd() {
      saver.composition(false);
    },
  };
}

const failedLead = (label: Text): Text => (typeof label === 'string' ? message('autosave.saveFailed', { label }) : label);

function noticeKey(fieldKey: string): string {
  return `save:${fieldKey}`;
}
