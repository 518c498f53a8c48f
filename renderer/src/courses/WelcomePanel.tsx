import { createCourse } from '../state/drafts-actions';
import './courses.css';

/** First run: what a course is made of, and one obvious way to start. */
export function WelcomePanel() {
  return (
    <section className="welcome" aria-labelledby="welcome-title" data-testid="welcome-panel">
      <h2 id="welcome-title">Welcome to Lectern</h2>
      <p>Build your course the way students will take it:</p>
      <ol className="welcome-steps">
        <li>
          <strong>Course</strong> — the title, description and language students see first.
        </li>
        <li>
          <strong>Sections</strong> — chapters that group related lectures.
        </li>
        <li>
          <strong>Lectures</strong> — the videos, each with a summary; mark some as a free preview.
        </li>
      </ol>
      <p className="welcome-note">Everything saves as you type. You can reorder anything later by dragging or with the keyboard.</p>
      <button type="button" className="button button-primary button-large" onClick={() => void createCourse()} data-testid="create-first-course">
        Create your first course
      </button>
    </section>
  );
}
