import { useState } from 'react';
import type { Hub, Publication, PublishableCourse } from '../../../main/contract/domains/publishing-types';
import { call } from '../ipc';
import { useNav } from '../state/nav-store';
import { useNotices } from '../state/notices-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatWhen } from '../i18n/format';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { PublishDialog } from './PublishDialog';
import { refreshCourses, usePublishing } from './publishing-store';

function PublicationLine({ course, publication: p }: { course: PublishableCourse; publication: Publication }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  async function unpublish() {
    setConfirming(false);
    try {
      await call('publish.unpublish', { courseId: course.courseId, hubId: p.hubId });
      await refreshCourses();
    } catch (err) {
      useNotices.getState().pushError(t('publishing.unpublishFailed', { title: course.title }), err);
    }
  }
  return (
    <li data-testid="publication" data-hub-id={p.hubId}>
      <Rich
        id="publishing.publication"
        values={{
          version: p.version,
          hub: p.hubName,
          when: formatWhen(p.publishedAt),
          v: (chunks) => <span className="publication-version">{chunks}</span>,
        }}
      />{' '}
      <button type="button" className="button button-danger-quiet button-small" onClick={() => setConfirming(true)}>
        {t('publishing.unpublish')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('publishing.unpublishConfirmTitle')}
        confirmLabel={t('publishing.unpublish')}
        onConfirm={() => void unpublish()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          <Rich id="publishing.unpublishConfirmBody" values={{ title: course.title, hub: p.hubName, c: (chunks) => <span dir="auto">{chunks}</span> }} />
        </p>
      </ConfirmDialog>
    </li>
  );
}

function CourseRow({ course, hubs }: { course: PublishableCourse; hubs: Hub[] }) {
  const t = useT();
  const [hubId, setHubId] = useState(hubs[0]?.id ?? '');
  const [checking, setChecking] = useState(false);
  const hub = hubs.find((h) => h.id === hubId) ?? hubs[0];
  const selectId = `hub-for-${course.courseId}`;

  return (
    <li className="publish-course" data-testid="publish-course" data-course-id={course.courseId}>
      <div className="publish-course-main">
        <h3 className="publish-course-title" dir="auto">
          {course.title}
        </h3>
        <p className="publish-course-meta">
          {t('publishing.lectureCount', { count: course.lectureCount })}
          {course.unpublishedChanges && (
            <span className="badge badge-changes" title={t('publishing.unpublishedChangesTitle')} data-testid="publish-unpublished">
              {t('publishing.unpublishedChanges')}
            </span>
          )}
        </p>
        <ul className="publications" data-testid="publications">
          {course.publications.length === 0 ? (
            <li className="publication-none">{t('publishing.notPublished')}</li>
          ) : (
            course.publications.map((p) => <PublicationLine key={p.hubId} course={course} publication={p} />)
          )}
        </ul>
      </div>
      <div className="publish-course-actions">
        {hubs.length > 1 && (
          <>
            <label className="visually-hidden" htmlFor={selectId}>
              {t('publishing.hubFor', { title: course.title })}
            </label>
            <select id={selectId} value={hub?.id} onChange={(e) => setHubId(e.target.value)}>
              {hubs.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="button button-primary" disabled={!hub} onClick={() => setChecking(true)} data-testid="publish-course-button">
          {t('publishing.publishEllipsis')}
        </button>
      </div>
      {checking && hub && <PublishDialog course={course} hub={hub} onClose={() => setChecking(false)} />}
    </li>
  );
}

/** Course drafts with the version on each hub and a Publish button each. */
export function CoursesToPublish() {
  const courses = usePublishing((s) => s.courses);
  const hubs = usePublishing((s) => s.hubs);
  const show = useNav((s) => s.show);
  const t = useT();

  return (
    <section className="publishing-section" aria-labelledby="courses-heading">
      <h2 id="courses-heading">{t('publishing.courses.heading')}</h2>
      {courses === null || hubs === null ? (
        <p className="loading">{t('publishing.courses.loading')}</p>
      ) : courses.length === 0 ? (
        <div className="publishing-empty" data-testid="courses-empty">
          <p>{t('publishing.courses.empty')}</p>
          <button type="button" className="button" onClick={() => show('studio')}>
            {t('publishing.courses.goToStudio')}
          </button>
        </div>
      ) : (
        <>
          {hubs.length === 0 && <p className="field-hint">{t('publishing.courses.addHubFirst')}</p>}
          <ul className="publish-courses">
            {courses.map((c) => (
              <CourseRow key={c.courseId} course={c} hubs={hubs} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
