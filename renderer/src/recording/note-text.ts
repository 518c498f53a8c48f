import { describeError } from '../errors/error-text';
import type { TakeTranslate } from './take-format';
import type { RecordingNote } from './recording-store';

/** A note as one sentence: the panel's own through the catalog, main's or the browser's through the error table. */
export const noteText = (note: RecordingNote, t: TakeTranslate): string => ('error' in note ? describeError(note.error).sentence : t(note.key, note.values));

/** What ErrorNotice is given for a note: our sentence as text, or the error itself (so Details stay). */
export const noteError = (note: RecordingNote, t: TakeTranslate): unknown => ('error' in note ? note.error : t(note.key, note.values));
