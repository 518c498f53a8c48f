import Hls, { type Level } from 'hls.js';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { PLAYER_REQUEST_HEADER } from '../../../main/contract/domains/playback';
import { actionForKey, clampSpeed, formatTime, SPEEDS } from './shortcuts';
import { parseStoryboard, tileAt, type StoryboardTile } from './storyboard';
import './player.css';

export interface CaptionTrack {
  src: string;
  label: string;
  lang: string;
}

export interface HlsPlayerProps {
  /** A master or media playlist on the app's own origin. */
  src: string;
  title?: string;
  /** Resume position in seconds. */
  startAt?: number;
  storyboardUrl?: string;
  captions?: CaptionTrack[];
  autoPlay?: boolean;
  /** Called on every time update and when playback pauses or the player closes; callers throttle. */
  onProgress?(position: number, duration: number): void;
  onEnded?(): void;
}

interface Quality {
  index: number;
  label: string;
}

/**
 * Marks requests to the app's own origin as the player's, so the offline media route hands it the
 * lecture's key. Never added cross-origin: a custom header there would only trigger a CORS preflight.
 */
function markPlayerRequest(xhr: XMLHttpRequest, url: string): void {
  if (new URL(url, location.href).origin !== location.origin) return;
  // Headers can only be set on an opened request; hls.js opens it itself when we have not.
  if (xhr.readyState === XMLHttpRequest.UNSENT) xhr.open('GET', url, true);
  xhr.setRequestHeader(PLAYER_REQUEST_HEADER, '1');
}

const qualityLabel = (l: Level) => (l.height ? `${l.height}p` : `${Math.round(l.bitrate / 1000)} kbps`);

/**
 * The lecture player: hls.js on MediaSource with custom, keyboard-driven controls. Used for the
 * instructor's preview of a freshly built ladder and for the student's offline playback.
 */
export function HlsPlayer(props: HlsPlayerProps) {
  const { src, startAt, autoPlay, onProgress, onEnded } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  const progressRef = useRef(onProgress);
  progressRef.current = onProgress;
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(startAt ?? 0);
  const [duration, setDuration] = useState(0);
  const [muted, setMuted] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [qualities, setQualities] = useState<Quality[]>([]);
  const [quality, setQuality] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [tiles, setTiles] = useState<StoryboardTile[]>([]);
  const [hover, setHover] = useState<{ left: number; time: number; tile: StoryboardTile | undefined } | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setError(null);
    setQualities([]);
    setQuality(-1);
    if (Hls.isSupported()) {
      const hls = new Hls({ startPosition: startAt ?? -1, enableWorker: true, xhrSetup: markPlayerRequest });
      hlsRef.current = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
        setQualities(data.levels.map((l, index) => ({ index, label: qualityLabel(l) })).sort((a, b) => (data.levels[b.index]?.height ?? 0) - (data.levels[a.index]?.height ?? 0)));
        if (autoPlay) void video.play().catch(() => {});
      });
      let mediaRecoveries = 0;
      hls.on(Hls.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        // One recovery attempt per kind: a local file that is really broken should say so, not loop.
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 1) hls.recoverMediaError();
        else setError(`This lecture cannot be played (${data.details}).`);
      });
      hls.loadSource(src);
      hls.attachMedia(video);
      return () => {
        progressRef.current?.(video.currentTime, video.duration || 0);
        hls.destroy();
        hlsRef.current = null;
      };
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      if (startAt) video.currentTime = startAt;
      return () => progressRef.current?.(video.currentTime, video.duration || 0);
    }
    setError('This system cannot play HLS video.');
    return undefined;
  }, [src, startAt, autoPlay]);

  useEffect(() => {
    setTiles([]);
    if (!props.storyboardUrl) return;
    const url = new URL(props.storyboardUrl, location.href).href;
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => live && setTiles(parseStoryboard(text, url)))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [props.storyboardUrl]);

  const video = () => videoRef.current;
  const togglePlay = useCallback(() => {
    const v = videoRef.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => {});
    else v.pause();
  }, []);
  const seekTo = (t: number) => {
    const v = video();
    if (v) v.currentTime = Math.max(0, Math.min(t, v.duration || t));
  };
  const changeSpeed = (s: number) => {
    const v = video();
    const next = clampSpeed(s);
    if (v) v.playbackRate = next;
    setSpeed(next);
  };
  const changeQuality = (index: number) => {
    if (hlsRef.current) hlsRef.current.currentLevel = index;
    setQuality(index);
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen().catch(() => {});
  };
  const toggleMute = () => {
    const v = video();
    if (v) v.muted = !v.muted;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Let form controls inside the player (speed, quality) keep their own keys.
    if (e.target instanceof HTMLSelectElement) return;
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    switch (action.kind) {
      case 'toggle-play':
        return togglePlay();
      case 'seek-by':
        return seekTo((video()?.currentTime ?? 0) + action.seconds);
      case 'toggle-fullscreen':
        return toggleFullscreen();
      case 'toggle-mute':
        return toggleMute();
      case 'speed-by':
        return changeSpeed(speed + action.step);
    }
  };

  const onSeekHover = (e: MouseEvent<HTMLInputElement>) => {
    if (!duration) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
    setHover({ left: ratio * rect.width, time: ratio * duration, tile: tileAt(tiles, ratio * duration) });
  };

  return (
    <div className="player" ref={rootRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="player" aria-label={props.title ? `Player: ${props.title}` : 'Player'}>
      <video
        ref={videoRef}
        className="player-video"
        data-testid="player-video"
        playsInline
        onClick={togglePlay}
        onPlay={() => setPlaying(true)}
        onPause={(e) => {
          setPlaying(false);
          onProgress?.(e.currentTarget.currentTime, e.currentTarget.duration || 0);
        }}
        onTimeUpdate={(e) => {
          setTime(e.currentTarget.currentTime);
          onProgress?.(e.currentTarget.currentTime, e.currentTarget.duration || 0);
        }}
        onDurationChange={(e) => setDuration(Number.isFinite(e.currentTarget.duration) ? e.currentTarget.duration : 0)}
        onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
        onEnded={() => onEnded?.()}
      >
        {props.captions?.map((c, i) => <track key={c.src} kind="captions" src={c.src} srcLang={c.lang} label={c.label} default={i === 0} />)}
      </video>
      {error && (
        <p className="player-error" role="alert">
          {error}
        </p>
      )}
      <div className="player-controls">
        <button type="button" onClick={togglePlay} aria-label={playing ? 'Pause' : 'Play'} data-testid="player-play">
          {playing ? '❚❚' : '▶'}
        </button>
        <span className="player-time" data-testid="player-time">
          {formatTime(time)} / {formatTime(duration)}
        </span>
        <div className="player-seek">
          <input
            type="range"
            min={0}
            max={duration || 0}
            step={0.1}
            value={Math.min(time, duration || time)}
            onChange={(e) => seekTo(Number(e.currentTarget.value))}
            onMouseMove={onSeekHover}
            onMouseLeave={() => setHover(null)}
            aria-label="Seek"
            aria-valuetext={`${formatTime(time)} of ${formatTime(duration)}`}
            data-testid="player-seek"
          />
          {hover && (
            <div className="player-thumb" style={{ left: hover.left }} data-testid="player-thumb">
              {hover.tile && (
                <div
                  className="player-thumb-image"
                  style={{
                    width: hover.tile.w,
                    height: hover.tile.h,
                    backgroundImage: `url("${hover.tile.url}")`,
                    backgroundPosition: `-${hover.tile.x}px -${hover.tile.y}px`,
                  }}
                />
              )}
              <span>{formatTime(hover.time)}</span>
            </div>
          )}
        </div>
        <button type="button" onClick={toggleMute} aria-label={muted ? 'Unmute' : 'Mute'} aria-pressed={muted}>
          {muted ? '🔇' : '🔊'}
        </button>
        <label className="player-select">
          <span className="visually-hidden">Speed</span>
          <select value={speed} onChange={(e) => changeSpeed(Number(e.currentTarget.value))} data-testid="player-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {qualities.length > 1 && (
          <label className="player-select">
            <span className="visually-hidden">Quality</span>
            <select value={quality} onChange={(e) => changeQuality(Number(e.currentTarget.value))} data-testid="player-quality">
              <option value={-1}>Auto</option>
              {qualities.map((q) => (
                <option key={q.index} value={q.index}>
                  {q.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={toggleFullscreen} aria-label="Fullscreen">
          ⛶
        </button>
      </div>
    </div>
  );
}
