import { useEffect, useState } from 'react';
import type { PlayableLecture } from '../../../main/contract/domains/playback';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { HlsPlayer } from '../player/HlsPlayer';
import { LecturePlayer } from '../player/LecturePlayer';
import { useLibrary, type LibraryPage } from './library-store';

/** A downloaded lecture in the playback area's player, with the next downloaded lecture of its course. */
export function PlayerPage({ downloadId, back }: { downloadId: string; back: LibraryPage }) {
  const [playable, setPlayable] = useState<PlayableLecture | null>(null);
  const [error, setError] = useState<unknown>(null);
  const show = useLibrary((s) => s.show);
  useEffect(() => {
    call('playback.lecture', { downloadId }).then(setPlayable, (err: unknown) => setError(err));
  }, [downloadId]);

  const close = () => show(back);
  return (
    <section className="library-player player-page" data-testid="library-player">
      <button type="button" className="button" onClick={close}>
        ← Back
      </button>
      {error !== null && <ErrorNotice className="field-error" error={error} />}
      {playable?.lecture.downloading && (
        <p className="muted" role="status" data-testid="still-downloading">
          Still downloading: it plays as it arrives, and this lecture is fetched first.
        </p>
      )}
      {playable && (
        <LecturePlayer
          lecture={playable.lecture}
          next={playable.next}
          onNext={() => playable.next && show({ kind: 'player', downloadId: playable.next.downloadId, back })}
          onClose={close}
        />
      )}
    </section>
  );
}

/** A free-preview lecture streamed from its hub through the app origin's `/stream/` route, without downloading. */
export function PreviewPage({ src, title, back }: { src: string; title: string; back: LibraryPage }) {
  const show = useLibrary((s) => s.show);
  return (
    <section className="library-player player-page" aria-label={`Preview: ${title}`} data-testid="library-preview">
      <button type="button" className="button" onClick={() => show(back)}>
        ← Back
      </button>
      <h2 dir="auto">{title} (free preview)</h2>
      <HlsPlayer src={src} title={title} autoPlay fill />
    </section>
  );
}
