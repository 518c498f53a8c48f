import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Rich } from '../i18n/Rich';
import { createCourse } from '../state/drafts-actions';
import './courses.css';

const bold = { b: (chunks: ReactNode[]) => <strong>{chunks}</strong> };

/** First run: what a course is made of, and one obvious way to start. */
export function WelcomePanel() {
  const t = useT();
  return (
    <section className="welcome" aria-labelledby="welcome-title" data-testid="welcome-panel">
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p>{t('welcome.intro')}</p>
      <ol className="welcome-steps">
        <li>
          <Rich id="welcome.course" values={bold} />
        </li>
        <li>
          <Rich id="welcome.sections" values={bold} />
        </li>
        <li>
          <Rich id="welcome.lectures" values={bold} />
        </li>
      </ol>
      <p className="welcome-note">{t('welcome.note')}</p>
      <button type="button" className="button button-primary button-large" onClick={() => void createCourse()} data-testid="create-first-course">
        {t('welcome.create')}
      </button>
    </section>
  );
}
