import type { CourseDetail } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { RichTextField } from '../rich-text/RichTextField';
import { message } from '../state/message-text';
import { AutosaveTextField } from '../ui/AutosaveTextField';
import { CourseCoverField } from './CourseCoverField';
import { EncodingField } from './EncodingField';

const parseTags = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

/** Cover, subtitle, description, language and tags (what students read before they enrol), and how the videos are encoded. */
export function CourseDetailsForm({ course }: { course: CourseDetail }) {
  const t = useT();
  const save = (patch: Parameters<typeof call<'courses.update'>>[1]['patch']) => call('courses.update', { courseId: course.id, patch });
  return (
    <section className="course-details" aria-label={t('editor.details')}>
      <CourseCoverField course={course} />
      <AutosaveTextField
        fieldKey={`course:${course.id}:subtitle`}
        label={message('autosave.saveFailed.courseSubtitle', { title: course.title })}
        stored={course.subtitle}
        save={(subtitle) => save({ subtitle })}
        labelText={t('editor.subtitle')}
        placeholder={t('editor.subtitlePlaceholder')}
        testId="course-subtitle"
      />
      <RichTextField
        fieldKey={`course:${course.id}:description`}
        label={message('autosave.saveFailed.courseDescription', { title: course.title })}
        stored={course.description}
        save={(description) => save({ description })}
        labelText={t('editor.description')}
        placeholder={t('editor.descriptionPlaceholder')}
        testId="course-description"
      />
      <div className="field-row">
        <AutosaveTextField
          fieldKey={`course:${course.id}:language`}
          label={message('autosave.saveFailed.courseLanguage', { title: course.title })}
          stored={course.language}
          save={(language) => save({ language })}
          labelText={t('editor.language')}
          hint={t('editor.languageHint')}
          className="field-narrow"
          testId="course-language"
        />
        <AutosaveTextField
          fieldKey={`course:${course.id}:tags`}
          label={message('autosave.saveFailed.courseTags', { title: course.title })}
          stored={course.tags.join(', ')}
          save={(text) => save({ tags: parseTags(text) })}
          labelText={t('editor.tags')}
          hint={t('editor.tagsHint')}
          className="field-grow"
          testId="course-tags"
        />
      </div>
      <div className="field-row">
        <EncodingField course={course} />
      </div>
    </section>
  );
}
