import { DownloadControls } from './DownloadControls';
import { useLibrary } from './library-store';
import { useT } from '../i18n/use-t';

/** Every download with its progress and actions, grouped by course. */
export function DownloadsPage() {
  const downloads = useLibrary((s) => s.downloads);
  const t = useT();
  const items = Object.values(downloads);
  const courses = [...new Set(items.map((d) => d.courseTitle))];
  return (
    <section aria-labelledby="downloads-title" data-testid="downloads-page">
      <h1 id="downloads-title">{t('downloads.title')}</h1>
      {items.length === 0 && <p className="loading">{t('downloads.empty')}</p>}
      {courses.map((course) => (
        <section key={course} aria-label={course} className="course-section">
          <h2 dir="auto">{course}</h2>
          <ul className="course-lectures">
            {items
              .filter((d) => d.courseTitle === course)
              .map((d) => (
                <li key={d.id} className="course-lecture" data-testid="download-item">
                  <h3 dir="auto">
                    {d.title} <span className="muted">{t('downloads.version', { version: d.courseVersion })}</span>
                  </h3>
                  <DownloadControls d={d} label={d.title} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
