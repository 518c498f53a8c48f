import type { LectureCaptions } from '../../../main/contract/types';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { saveCaptionsInfo } from './media-actions';

/**
 * The language and label of a lecture's captions, autosaved like the other studio fields: main checks
 * them against the contract (a tag such as en or pt-BR; one line of at most 100 characters) and a
 * refusal is shown under the field. An emptied field clears the value.
 */
export function CaptionsFields({ lectureId, captions, name }: { lectureId: string; captions: LectureCaptions; name: string }) {
  return (
    <div className="media-captions-fields" role="group" aria-label={`Captions of ${name}`} data-testid="media-captions-fields">
      <AutosaveTextField
        fieldKey={`captions:${lectureId}:language`}
        label="the captions language"
        stored={captions.language ?? ''}
        save={(language) => saveCaptionsInfo(lectureId, { language: language.trim() || null })}
        labelText="Captions language"
        hint="A code such as en or pt-BR"
        className="media-captions-language"
        testId="media-captions-language"
      />
      <AutosaveTextField
        fieldKey={`captions:${lectureId}:label`}
        label="the captions label"
        stored={captions.label ?? ''}
        save={(label) => saveCaptionsInfo(lectureId, { label: label.trim() || null })}
        labelText="Captions label"
        placeholder="English"
        hint="What the player's captions button is called"
        className="media-captions-label"
        testId="media-captions-label"
      />
    </div>
  );
}
