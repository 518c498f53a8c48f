import { useEffect, useId, useRef, useState } from 'react';
import type { RecordingTake } from '../../../main/contract/types';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';
import { call } from '../ipc';
import { parseStoryboard, type StoryboardTile } from '../player/storyboard';
import { takeAction } from './takes-actions';
import { refuseWhileComposing } from '../ui/ime';

const STRIP_TILES = 8;

/**
 * In and out points for a finished take, on its storyboard: drag the handles, type seconds, or set them
 * at the playhead. Saving makes the trimmed cut in the background (it becomes the video when used).
 */
export function TrimEditor({ take, onClose }: { take: RecordingTake; onClose(): void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const titleId = useId();
  const duration = Math.max(take.durationSec, 1);
  const [start, setStart] = useState(take.trim?.startSec ?? 0);
  const [end, setEnd] = useState(take.trim?.endSec ?? duration);
  const [tiles, setTiles] = useState<StoryboardTile[]>([]);
  const [busy, setBusy] = useState(false);
  const tooShort = end - start < 1;

  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);

  useEffect(() => {
    if (!take.storyboard) return;
    const url = new URL(take.storyboard.vtt, location.href).href;
    void fetch(url)
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => setTiles(pick(parseStoryboard(text, url), STRIP_TILES)))
      .catch(() => setTiles([]));
  }, [take.storyboard]);

  const playhead = () => round(videoRef.current?.currentTime ?? 0);
  const save = async () => {
    setBusy(true);
    if (await takeAction(() => call('recordings.trim', { takeId: take.id, startSec: start, endSec: end }))) onClose();
    setBusy(false);
  };
  const clear = async () => {
    setBusy(true);
    if (await takeAction(() => call('recordings.clearTrim', { takeId: take.id }))) onClose();
    setBusy(false);
  };

  return (
    <dialog
      ref={dialogRef}
      className="rec-panel trim-panel"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        // Escape that cancels an IME composition is the IME's, not "close".
        if (!refuseWhileComposing(e)) onClose();
      }}
      onClose={onClose}
      data-testid="trim-editor"
    >
      <h2 id={titleId} className="rec-title">
        <Rich id="recording.trim.title" values={{ name: <bdi>{take.name}</bdi> }} />
      </h2>
      {take.video && <video ref={videoRef} className="trim-video" src={take.video} controls preload="metadata" data-testid="trim-video" />}
      {tiles.length > 0 && (
        <div className="trim-strip" aria-hidden="true">
          {tiles.map((t) => (
            <span key={t.start} className="trim-tile" style={{ backgroundImage: `url("${t.url}")`, backgroundPosition: `-${t.x}px -${t.y}px`, width: t.w, height: t.h }} />
          ))}
          <span className="trim-range" style={{ left: `${(start / duration) * 100}%`, width: `${((end - start) / duration) * 100}%` }} />
        </div>
      )}
      <div className="trim-points">
        <TrimPoint label={t('recording.trim.in')} rangeLabel={t('recording.trim.inPoint')} value={start} max={duration} onChange={(v) => setStart(Math.min(v, end))} onPlayhead={() => setStart(Math.min(playhead(), end))} testId="trim-in" />
        <TrimPoint label={t('recording.trim.out')} rangeLabel={t('recording.trim.outPoint')} value={end} max={duration} onChange={(v) => setEnd(Math.max(v, start))} onPlayhead={() => setEnd(Math.max(playhead(), start))} testId="trim-out" />
      </div>
      <p className={tooShort ? 'rec-error' : 'rec-hint'} role={tooShort ? 'alert' : undefined} data-testid="trim-length">
        {tooShort ? t('recording.trim.tooShort') : t('recording.trim.length', { seconds: end - start })}
      </p>
      <div className="rec-actions">
        {take.trim && (
          <button type="button" className="button" disabled={busy} onClick={() => void clear()} data-testid="trim-clear">
            {t('recording.trim.clear')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} data-testid="trim-cancel">
          {t('recording.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={busy || tooShort} onClick={() => void save()} data-testid="trim-save">
          {t('recording.trim.save')}
        </button>
      </div>
    </dialog>
  );
}

function TrimPoint(props: { label: string; rangeLabel: string; value: number; max: number; onChange(v: number): void; onPlayhead(): void; testId: string }) {
  const id = useId();
  const t = useT();
  return (
    <div className="trim-point">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={0}
        max={props.max}
        step={0.1}
        value={props.value}
        onChange={(e) => props.onChange(clamp(Number(e.target.value), props.max))}
        data-testid={props.testId}
      />
      <input
        type="range"
        min={0}
        max={props.max}
        step={0.1}
        value={props.value}
        aria-label={props.rangeLabel}
        onChange={(e) => props.onChange(clamp(Number(e.target.value), props.max))}
        data-testid={`${props.testId}-range`}
      />
      <button type="button" className="button" onClick={props.onPlayhead} data-testid={`${props.testId}-playhead`}>
        {t('recording.trim.setToPlayhead')}
      </button>
    </div>
  );
}

function pick<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

const round = (s: number): number => Math.round(s * 10) / 10;
const clamp = (v: number, max: number): number => (Number.isFinite(v) ? Math.min(Math.max(round(v), 0), max) : 0);
