import type { LectureCaptions } from '../../../main/contract/types';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { CaptionsLanguageSelect } from './CaptionsLanguageSelect';
import { saveCaptionsInfo } from './media-actions';

/**
 * The language and label of a lecture's captions. The language is chosen from a list and saved at once;
 * the label is autosaved like the other studio fields (one line of at most 100 characters, checked by
 * main, a refusal shown under the field; an emptied field clears it).
 */
export function CaptionsFields({ lectureId, captions, name }: { lectureId: string; captions: LectureCaptions; name: string }) {
  return (
    <div className="media-captions-fields" role="group" aria-label={`Captions of ${name}`} data-testid="media-captions-fields">
      <CaptionsLanguageSelect lectureId={lectureId} stored={captions.language} />
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
