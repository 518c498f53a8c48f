import type { LectureCaptions } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { CaptionsLanguageSelect } from './CaptionsLanguageSelect';
import { saveCaptionsInfo } from './media-actions';

/**
 * The language and label of a lecture's captions. The language is chosen from a list and saved at once;
 * the label is autosaved like the other studio fields (one line of at most 100 characters, checked by
 * main, a refusal shown under the field; an emptied field clears it).
 */
export function CaptionsFields({ lectureId, captions, number }: { lectureId: string; captions: LectureCaptions; number: string }) {
  const t = useT();
  return (
    <div className="media-captions-fields" role="group" aria-label={t('media.captions.groupLabel', { number })} data-testid="media-captions-fields">
      <CaptionsLanguageSelect lectureId={lectureId} stored={captions.language} />
      <AutosaveTextField
        fieldKey={`captions:${lectureId}:label`}
        label={t('media.captions.labelNoun')}
        stored={captions.label ?? ''}
        save={(label) => saveCaptionsInfo(lectureId, { label: label.trim() || null })}
        labelText={t('media.captions.label')}
        placeholder={t('media.captions.labelPlaceholder')}
        hint={t('media.captions.labelHint')}
        className="media-captions-label"
        testId="media-captions-label"
      />
    </div>
  );
}
