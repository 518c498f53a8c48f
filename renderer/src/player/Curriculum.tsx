import { memo, useEffect, useRef } from 'react';
import { useNearView } from '../ui/use-near-view';
import { playableId, type CopyState, type CurriculumLecture, type CurriculumSection, type WatchState } from './curriculum';
import { formatTime } from './shortcuts';
import { useT } from '../i18n/use-t';
import { copyText, watchText } from './curriculum-text';
import './curriculum.css';

/** Lectures rendered at once on either side of the one playing: its screenful and a little more. */
const EAGER_LECTURES = 40;
/** A rendered entry's usual height, for the placeholder that holds a section's place until it renders. */
const ENTRY_HEIGHT_PX = 53;

export interface CurriculumProps {
  id: string;
  courseTitle: string;
  sections: CurriculumSection[];
  currentLectureId: string;
  /** Plays another lecture's copy on this computer. Stable across renders, so entries keep their memoisation. */
  onPlay(downloadId: string): void;
  /** Said instead of the list when the course's outline could not be read (the downloads still show). */
  notice?: string | null;
  /** Take focus when shown (the drawer on a narrow window), so the keyboard lands in the list it opened. */
  autoFocus?: boolean;
}

/**
 * The course beside the player: sections and lectures in order, each with how much of it was watched
 * (from the local progress store) and whether it is on this computer; lectures that are play on click.
 * Sections near the lecture playing render at once; the others render their entries once they come near
 * the view (a placeholder of about their height holds their place), so a 2,000-lecture course opens at
 * the cost of what is around the current lecture, and a progress tick re-renders one memoised entry.
 */
export const Curriculum = memo(function Curriculum({ id, courseTitle, sections, currentLectureId, onPlay, notice, autoFocus }: CurriculumProps) {
  const root = useRef<HTMLElement>(null);
  const t = useT();
  // The lecture playing is in view when the player opens, however long the course.
  useEffect(() => {
    const current = root.current?.querySelector<HTMLElement>('[data-testid="curriculum-lecture"][aria-current="true"]');
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    void current?.scrollIntoView({ block: 'nearest' });
  }, [currentLectureId]);
  useEffect(() => {
    if (autoFocus) root.current?.focus();
  }, [autoFocus]);

  const eager = eagerSections(sections, currentLectureId);
  return (
    <nav ref={root} tabIndex={-1} id={id} className="curriculum" aria-label={t('player.curriculum.label')} data-testid="curriculum">
      <h2 className="curriculum-title" dir="auto">
        {courseTitle}
      </h2>
      {notice && <p className="muted curriculum-notice">{notice}</p>}
      {sections.map((s, i) => (
        <SectionBlock
          key={s.key}
          section={s}
          // Only the section holding the current lecture sees its id, so the others keep their props.
          currentLectureId={s.lectures.some((l) => l.id === currentLectureId) ? currentLectureId : null}
          eager={eager.has(i)}
          onPlay={onPlay}
        />
      ))}
    </nav>
  );
});

/**
 * The sections within EAGER_LECTURES of the current lecture (or of the top, when it is not listed): what
 * the first frame shows once the current lecture is scrolled into view.
 */
function eagerSections(sections: readonly CurriculumSection[], currentLectureId: string): Set<number> {
  const starts: number[] = [];
  let at = -1;
  let count = 0;
  sections.forEach((s) => {
    starts.push(count);
    const i = s.lectures.findIndex((l) => l.id === currentLectureId);
    if (i >= 0) at = count + i;
    count += s.lectures.length;
  });
  const centre = Math.max(at, 0);
  const eager = new Set<number>();
  sections.forEach((s, i) => {
    const first = starts[i]!;
    const last = first + Math.max(s.lectures.length - 1, 0);
    if (last >= centre - EAGER_LECTURES && first <= centre + EAGER_LECTURES) eager.add(i);
  });
  return eager;
}

interface SectionProps {
  section: CurriculumSection;
  /** The lecture playing when it is in this section, else null. */
  currentLectureId: string | null;
  eager: boolean;
  onPlay(downloadId: string): void;
}

const SectionBlock = memo(function SectionBlock({ section: s, currentLectureId, eager, onPlay }: SectionProps) {
  const ref = useRef<HTMLElement>(null);
  // Eager later (the current lecture moved next to it) shows it as well as coming near the view does.
  const shown = useNearView(ref, eager) || eager;
  const t = useT();
  return (
    <section ref={ref} className="curriculum-section" aria-label={s.title} data-testid="curriculum-section">
      <h3 dir="auto">{s.title}</h3>
      {shown ? (
        <ol>
          {s.lectures.map((l) => (
            <LectureItem key={l.id} lecture={l} current={l.id === currentLectureId} onPlay={onPlay} />
          ))}
        </ol>
      ) : (
        <p className="muted curriculum-section-pending" style={{ minHeight: s.lectures.length * ENTRY_HEIGHT_PX }} data-testid="curriculum-section-pending">
          {t('player.curriculum.lectureCount', { count: s.lectures.length })}
        </p>
      )}
    </section>
  );
});

/** One lecture; memoised, so a tick or a download's percent re-renders only its own entry. */
const LectureItem = memo(function LectureItem({ lecture: l, current, onPlay }: { lecture: CurriculumLecture; current: boolean; onPlay(downloadId: string): void }) {
  return (
    <li
      className="curriculum-lecture"
      aria-current={current ? 'true' : undefined}
      data-testid="curriculum-lecture"
      data-lecture-id={l.id}
      data-watch={l.watch.kind}
      data-copy={l.copy.kind}
    >
      <LectureEntry lecture={l} current={current} onPlay={onPlay} />
    </li>
  );
});

function LectureEntry({ lecture: l, current, onPlay }: { lecture: CurriculumLecture; current: boolean; onPlay(downloadId: string): void }) {
  const id = playableId(l);
  const t = useT();
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
    <button type="button" className="curriculum-lecture-row curriculum-play" onClick={() => onPlay(id)} aria-label={t('player.curriculum.playLabel', { title: l.title, watch: watchText(l.watch, t) })} data-testid="curriculum-play">
      {body}
    </button>
  );
}

function WatchTick({ watch }: { watch: WatchState }) {
  const t = useT();
  const text = watchText(watch, t);
  return (
    <span className={`curriculum-tick curriculum-tick-${watch.kind}`} data-testid="curriculum-tick" title={text}>
      {watch.kind === 'watched' ? '✓' : watch.kind === 'partial' ? <span className="curriculum-tick-fill" style={{ height: `${watch.percent}%` }} /> : null}
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

function CopyText({ copy, current }: { copy: CopyState; current: boolean }) {
  const t = useT();
  return <>{copyText(copy, current, t)}</>;
}
