import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { PlayableLecture } from '../../../main/contract/domains/playback';
import { call } from '../ipc';
import { Curriculum } from '../player/Curriculum';
import { neighbours, playableId } from '../player/curriculum';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HlsPlayer } from '../player/HlsPlayer';
import { LecturePlayer } from '../player/LecturePlayer';
import { usePlayerPrefs } from '../player/player-prefs';
import { isTypingTarget, lectureActionForKey } from '../player/shortcuts';
import { useCurriculum } from '../player/use-curriculum';
import { useMediaQuery } from '../player/use-media-query';
import { useLibrary, type LibraryPage } from './library-store';
import { useT } from '../i18n/use-t';

/** Below this window width the curriculum is a drawer over the player instead of a column beside it. */
export const NARROW_PLAYER_QUERY = '(max-width: 1180px)';
const CURRICULUM_ID = 'player-curriculum';

/**
 * A downloaded lecture in the playback area's player, with its course's curriculum beside it (or in a
 * drawer on a narrow window), previous/next lecture and theater mode.
 */
export function PlayerPage({ downloadId, back }: { downloadId: string; back: LibraryPage }) {
  const [playable, setPlayable] = useState<PlayableLecture | null>(null);
  const [error, setError] = useState<unknown>(null);
  const show = useLibrary((s) => s.show);
  const t = useT();
  useEffect(() => {
    call('playback.lecture', { downloadId }).then(setPlayable, (err: unknown) => setError(err));
  }, [downloadId]);

  const { courseTitle, sections, notice } = useCurriculum(playable?.lecture ?? null);
  const theater = usePlayerPrefs((s) => s.theater);
  const setTheater = usePlayerPrefs((s) => s.setTheater);
  const narrow = useMediaQuery(NARROW_PLAYER_QUERY);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawerToggle = useRef<HTMLButtonElement>(null);

  // Stable, so the curriculum's memoised entries are not re-rendered by every render of the page.
  const play = useCallback((id: string) => show({ kind: 'player', downloadId: id, back }), [show, back]);
  const close = () => show(back);
  // Curriculum order when the outline lists this lecture; otherwise what the library says plays next.
  const lectureId = playable?.lecture.lectureId;
  const listed = Boolean(lectureId && sections?.some((s) => s.lectures.some((l) => l.id === lectureId)));
  const around = listed && sections && lectureId ? neighbours(sections, lectureId) : null;
  const next = around ? (around.next && { downloadId: playableId(around.next)!, title: around.next.title }) : (playable?.next ?? null);
  const previous = around?.previous ? { downloadId: playableId(around.previous)!, title: around.previous.title } : null;

  // Latest handlers for the window's key listener, which is added once.
  const keys = useRef({ next, previous, theater });
  keys.current = { next, previous, theater };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      const action = lectureActionForKey(e);
      if (!action) return;
      const { next: n, previous: p, theater: inTheater } = keys.current;
      e.preventDefault();
      if (action.kind === 'next-lecture' && n) show({ kind: 'player', downloadId: n.downloadId, back });
      if (action.kind === 'previous-lecture' && p) show({ kind: 'player', downloadId: p.downloadId, back });
      if (action.kind === 'toggle-theater') usePlayerPrefs.getState().setTheater(!inTheater);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, back]);

  const closeDrawer = () => {
    setDrawerOpen(false);
    drawerToggle.current?.focus();
  };
  // Escape inside the drawer closes it (before the player's own Escape, which leaves the page).
  const onDrawerKey = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Escape' || !narrow || !drawerOpen) return;
    e.preventDefault();
    closeDrawer();
  };
  const curriculumShown = narrow ? drawerOpen : !theater;
  const layout = ['player-layout', narrow ? 'player-layout-narrow' : '', theater ? 'player-layout-theater' : ''].filter(Boolean).join(' ');

  return (
    <section className="library-player player-page" data-testid="library-player">
      <div className="player-toolbar">
        <button type="button" className="button" onClick={close}>
          {t('library.player.back')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => previous && play(previous.downloadId)}
          disabled={!previous}
          title={previous ? t('library.player.previousTitle', { title: previous.title }) : t('library.player.noPrevious')}
          aria-keyshortcuts="Shift+P"
          data-testid="player-previous"
        >
          {t('library.player.previous')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => next && play(next.downloadId)}
          disabled={!next}
          title={next ? t('library.player.nextTitle', { title: next.title }) : t('library.player.noNext')}
          aria-keyshortcuts="Shift+N"
          data-testid="player-next-lecture"
        >
          {t('library.player.next')}
        </button>
        <span className="player-toolbar-spacer" />
        <button type="button" className="button" aria-pressed={theater} onClick={() => setTheater(!theater)} title={t('library.player.theaterTitle')} aria-keyshortcuts="T" data-testid="player-theater">
          {t('library.player.theater')}
        </button>
        {narrow && (
          <button
            ref={drawerToggle}
            type="button"
            className="button"
            aria-expanded={drawerOpen}
            aria-controls={CURRICULUM_ID}
            onClick={() => setDrawerOpen(!drawerOpen)}
            data-testid="player-curriculum-toggle"
          >
            {t('library.player.curriculum')}
          </button>
        )}
      </div>
      {error !== null && <ErrorNotice className="field-error" error={error} />}
      {playable?.lecture.downloading && (
        <p className="muted" role="status" data-testid="still-downloading">
          {t('library.player.stillDownloading')}
        </p>
      )}
      {playable && (
        <div className={layout} data-testid="player-layout">
          <LecturePlayer lecture={playable.lecture} next={next} onNext={() => next && play(next.downloadId)} onClose={close} />
          {curriculumShown && sections && (
            <div className="player-curriculum" onKeyDown={onDrawerKey}>
              <Curriculum
                id={CURRICULUM_ID}
                courseTitle={courseTitle}
                sections={sections}
                currentLectureId={playable.lecture.lectureId}
                onPlay={play}
                notice={notice}
                autoFocus={narrow}
              />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** A free-preview lecture streamed from its hub through the app origin's `/stream/` route, without downloading. */
export function PreviewPage({ src, title, back }: { src: string; title: string; back: LibraryPage }) {
  const show = useLibrary((s) => s.show);
  const t = useT();
  return (
    <section className="library-player player-page" aria-label={t('library.preview.label', { title })} data-testid="library-preview">
      <button type="button" className="button" onClick={() => show(back)}>
        {t('library.player.back')}
      </button>
      <h1 dir="auto">{t('library.preview.title', { title })}</h1>
      <HlsPlayer src={src} title={title} autoPlay fill />
    </section>
  );
}
