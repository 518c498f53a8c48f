import { useEffect, useRef } from 'react';
import { playableId, type CopyState, type CurriculumLecture, type CurriculumSection, type WatchState } from './curriculum';
import { formatTime } from './shortcuts';
import './curriculum.css';

export interface CurriculumProps {
  id: string;
  courseTitle: string;
  sections: CurriculumSection[];
  currentLectureId: string;
  /** Plays another lecture's copy on this computer. */
  onPlay(downloadId: string): void;
  /** Said instead of the list when the course's outline could not be read (the downloads still show). */
  notice?: string | null;
  /** Take focus when shown (the drawer on a narrow window), so the keyboard lands in the list it opened. */
  autoFocus?: boolean;
}

/**
 * The course beside the player: sections and lectures in order, each with how much of it was watched
 * (from the local progress store) and whether it is on this computer; lectures that are play on click.
 */
export function Curriculum({ id, courseTitle, sections, currentLectureId, onPlay, notice, autoFocus }: CurriculumProps) {
  const root = useRef<HTMLElement>(null);
  const current = useRef<HTMLLIElement>(null);
  // The lecture playing is in view when the player opens, however long the course.
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    void current.current?.scrollIntoView({ block: 'nearest' });
  }, [currentLectureId]);
  useEffect(() => {
    if (autoFocus) root.current?.focus();
  }, [autoFocus]);

  return (
    <nav ref={root} tabIndex={-1} id={id} className="curriculum" aria-label="Course curriculum" data-testid="curriculum">
      <h2 className="curriculum-title" dir="auto">
        {courseTitle}
      </h2>
      {notice && <p className="muted curriculum-notice">{notice}</p>}
      {sections.map((s) => (
        <section key={s.key} className="curriculum-section" aria-label={s.title} data-testid="curriculum-section">
          <h3 dir="auto">{s.title}</h3>
          <ol>
            {s.lectures.map((l) => (
              <li
                key={l.id}
                ref={l.id === currentLectureId ? current : undefined}
                className="curriculum-lecture"
                aria-current={l.id === currentLectureId ? 'true' : undefined}
                data-testid="curriculum-lecture"
                data-lecture-id={l.id}
                data-watch={l.watch.kind}
                data-copy={l.copy.kind}
              >
                <LectureEntry lecture={l} current={l.id === currentLectureId} onPlay={onPlay} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </nav>
  );
}

function LectureEntry({ lecture: l, current, onPlay }: { lecture: CurriculumLecture; current: boolean; onPlay(downloadId: string): void }) {
  const id = playableId(l);
  const body = (
    <>
      <WatchTick watch={l.watch} />
      <span className="curriculum-lecture-text">
        <span className="curriculum-lecture-title" dir="auto">
          {l.title}
        </span>
        <span className="curriculum-lecture-meta">
          {l.durationSec !== null && `${formatTime(l.durationSec)} · `}
          <CopyText copy={l.copy} current={current} />
        </span>
      </span>
    </>
  );
  if (!id || current) return <div className="curriculum-lecture-row">{body}</div>;
  return (
    <button type="button" className="curriculum-lecture-row curriculum-play" onClick={() => onPlay(id)} aria-label={`Play ${l.title}, ${watchText(l.watch)}`} data-testid="curriculum-play">
      {body}
    </button>
  );
}

export function watchText(w: WatchState): string {
  if (w.kind === 'watched') return 'watched';
  if (w.kind === 'partial') return `${w.percent}% watched`;
  return 'not watched yet';
}

function WatchTick({ watch }: { watch: WatchState }) {
  return (
    <span className={`curriculum-tick curriculum-tick-${watch.kind}`} data-testid="curriculum-tick" title={watchText(watch)}>
      {watch.kind === 'watched' ? '✓' : watch.kind === 'partial' ? <span className="curriculum-tick-fill" style={{ height: `${watch.percent}%` }} /> : null}
      <span className="visually-hidden">{watchText(watch)}</span>
    </span>
  );
}

function CopyText({ copy, current }: { copy: CopyState; current: boolean }) {
  if (current) return <>Playing now</>;
  switch (copy.kind) {
    case 'downloaded':
      return <>Downloaded</>;
    case 'downloading':
      return <>Downloading {copy.percent}%</>;
    case 'failed':
      return <>Download failed</>;
    case 'none':
      return <>Not downloaded</>;
  }
}
