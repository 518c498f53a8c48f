import Hls, { type Level } from 'hls.js';
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { PLAYER_REQUEST_HEADER } from '../../../main/contract/domains/playback';
import { ErrorNotice } from '../ui/ErrorNotice';
import { playbackError, type PlaybackProblem } from './player-errors';
import { FullscreenIcon, PauseIcon, PlayIcon, VolumeIcon } from './player-icons';
import { usePlayerPrefs } from './player-prefs';
import { actionForKey, clampSpeed, formatTime, isTypingTarget, SPEEDS } from './shortcuts';
import { parseStoryboard, tileAt, type StoryboardTile } from './storyboard';
import './player.css';
import { isComposing } from '../ui/ime';
import { useT, type Translate } from '../i18n/use-t';

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
  /** The player fills its parent's height (a flex column), sizing the video by the height left above the controls. */
  fill?: boolean;
  /**
   * Called on every time update once playback has started (never before, so a position still on its
   * way to `startAt` is not reported); `settled` when playback pauses, ends or the player closes, where
   * the position should be kept at once. Callers throttle the rest.
   */
  onProgress?(position: number, duration: number, settled: boolean): void;
  onEnded?(): void;
  /** A fatal error; `playbackError` words it for the student (at render, in the language of the moment). */
  onError?(problem: PlaybackProblem): void;
}

interface Quality {
  index: number;
  label: string;
}

/** User Timing names, for the e2e's time-to-first-frame and seek latency (and DevTools' Performance panel). */
export const TIMING = { mount: 'lectern:player-mount', firstFrame: 'lectern:ttff', seeking: 'lectern:seeking', seek: 'lectern:seek' } as const;

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

const qualityLabel = (l: Level, t: Translate) => (l.height ? `${l.height}p` : t('player.kbps', { n: Math.round(l.bitrate / 1000) }));

/**
 * The lecture player: hls.js on MediaSource with custom, keyboard-driven controls. Used for the
 * instructor's preview of a freshly built ladder and for the student's offline playback.
 */
export function HlsPlayer(props: HlsPlayerProps) {
  const { src, startAt, autoPlay } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  // Latest callbacks without re-creating hls.js when a parent re-renders with new closures.
  const callbacks = useRef(props);
  callbacks.current = props;
  const startedRef = useRef(false);
  const speed = usePlayerPrefs((s) => s.speed);
  const setSpeed = usePlayerPrefs((s) => s.setSpeed);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(startAt ?? 0);
  const [duration, setDuration] = useState(0);
  const [muted, setMuted] = useState(false);
  const [captionsOn, setCaptionsOn] = useState(true);
  const [qualities, setQualities] = useState<Quality[]>([]);
  /** The level the student picked, or -1 for automatic. */
  const [quality, setQuality] = useState(-1);
  /** The level playing now (hls.js reports each switch once it takes effect), or -1 before the first. */
  const [activeLevel, setActiveLevel] = useState(-1);
  const [error, setError] = useState<PlaybackProblem | null>(null);
  const [tiles, setTiles] = useState<StoryboardTile[]>([]);
  const [hover, setHover] = useState<{ left: number; time: number; tile: StoryboardTile | undefined } | null>(null);
  const t = useT();
  // Read by hls.js's manifest handler, which is added once per source.
  const tRef = useRef(t);
  tRef.current = t;

  const report = useCallback((v: HTMLVideoElement, settled: boolean) => {
    if (startedRef.current) callbacks.current.onProgress?.(v.currentTime, Number.isFinite(v.duration) ? v.duration : 0, settled);
  }, []);
  const fail = useCallback((problem: PlaybackProblem) => {
    setError(problem);
    callbacks.current.onError?.(problem);
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    performance.mark(TIMING.mount);
    startedRef.current = false;
    setError(null);
    setQualities([]);
    setQuality(-1);
    setActiveLevel(-1);
    // Autoplay can be refused (no user gesture yet); the Play button then starts it, which is no error.
    const start = () => void video.play().catch(() => {});
    if (Hls.isSupported()) {
      const hls = new Hls({ startPosition: startAt ?? -1, enableWorker: true, xhrSetup: markPlayerRequest });
      hlsRef.current = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
        const byHeight = (a: Quality, b: Quality) => (data.levels[b.index]?.height ?? 0) - (data.levels[a.index]?.height ?? 0);
        setQualities(data.levels.map((l, index) => ({ index, label: qualityLabel(l, tRef.current) })).sort(byHeight));
        if (autoPlay) start();
      });
      hls.on(Hls.Events.LEVEL_SWITCHED, (_e, data) => setActiveLevel(data.level));
      let mediaRecoveries = 0;
      hls.on(Hls.Events.ERROR, (_e, data) => {
        const status = data.response?.code;
        // Everything the player reads comes from the app's own origin (downloads, or the app's route to a
        // hub for previews), so a 4xx is final; hls.js would keep cycling renditions without giving up.
        const missing = data.type === Hls.ErrorTypes.NETWORK_ERROR && status !== undefined && status >= 400 && status < 500;
        if (!data.fatal && !missing) return;
        // One recovery attempt per kind: a local file that is really broken should say so, not loop.
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 1) hls.recoverMediaError();
        else {
          fail({ details: data.details, status });
          hls.stopLoad();
        }
      });
      hls.loadSource(src);
      hls.attachMedia(video);
      return () => {
        report(video, true);
        hls.destroy();
        hlsRef.current = null;
      };
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
      if (startAt) video.currentTime = startAt;
      if (autoPlay) start();
      return () => report(video, true);
    }
    fail({ unsupported: true });
    return undefined;
  }, [src, startAt, autoPlay, report, fail]);

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    v.defaultPlaybackRate = speed;
    v.playbackRate = speed;
  }, [speed]);

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

  const togglePlay = useCallback(() => {
    const v = videoRef.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => {});
    else v.pause();
  }, []);
  const seekTo = useCallback((t: number) => {
    const v = videoRef.current;
    if (v) v.currentTime = Math.max(0, Math.min(t, Number.isFinite(v.duration) ? v.duration : t));
  }, []);
  const changeSpeed = useCallback((s: number) => setSpeed(clampSpeed(s)), [setSpeed]);
  const changeQuality = (index: number) => {
    // currentLevel (not nextLevel): the switch is immediate, dropping what was buffered at the old
    // quality, which costs nothing offline where the other rendition is already on disk. -1 is automatic.
    if (hlsRef.current) hlsRef.current.currentLevel = index;
    setQuality(index);
  };
  const activeLabel = qualities.find((q) => q.index === activeLevel)?.label ?? null;
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen().catch(() => {});
  }, []);
  const toggleMute = useCallback(() => {
    const v = videoRef.current;
    if (v) v.muted = !v.muted;
  }, []);
  const toggleCaptions = () => {
    const track = videoRef.current?.textTracks[0];
    if (track) track.mode = captionsOn ? 'hidden' : 'showing';
    setCaptionsOn(!captionsOn);
  };

  // Shortcuts work wherever focus is on the page (the player is the page while it is open), except
  // while the student types in a field; a focused button keeps Space/Enter for itself.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isComposing(e) || isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      if (e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      const v = videoRef.current;
      switch (action.kind) {
        case 'toggle-play':
          return togglePlay();
        case 'seek-by':
          return seekTo((v?.currentTime ?? 0) + action.seconds);
        case 'toggle-fullscreen':
          return toggleFullscreen();
        case 'toggle-mute':
          return toggleMute();
        case 'speed-by':
          return changeSpeed(usePlayerPrefs.getState().speed + action.step);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [togglePlay, seekTo, toggleFullscreen, toggleMute, changeSpeed]);

  const onSeekHover = (e: MouseEvent<HTMLInputElement>) => {
    if (!duration) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
    setHover({ left: ratio * rect.width, time: ratio * duration, tile: tileAt(tiles, ratio * duration) });
  };

  const firstFrame = (v: HTMLVideoElement) => {
    if (startedRef.current || v.currentTime <= 0 || v.paused) return;
    startedRef.current = true;
    performance.measure(TIMING.firstFrame, TIMING.mount);
  };

  return (
    <div className={props.fill ? 'player player-fill' : 'player'} ref={rootRef} data-testid="player" role="group" aria-label={props.title ? t('player.labelTitled', { title: props.title }) : t('player.label')}>
      <video
        ref={videoRef}
        className="player-video"
        data-testid="player-video"
        playsInline
        onClick={togglePlay}
        onPlay={() => setPlaying(true)}
        onPlaying={(e) => firstFrame(e.currentTarget)}
        onPause={(e) => {
          setPlaying(false);
          report(e.currentTarget, true);
        }}
        onSeeking={() => performance.mark(TIMING.seeking)}
        onSeeked={() => performance.measure(TIMING.seek, TIMING.seeking)}
        onTimeUpdate={(e) => {
          firstFrame(e.currentTarget);
          setTime(e.currentTarget.currentTime);
          report(e.currentTarget, false);
        }}
        onDurationChange={(e) => setDuration(Number.isFinite(e.currentTarget.duration) ? e.currentTarget.duration : 0)}
        onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
        onEnded={(e) => {
          report(e.currentTarget, true);
          props.onEnded?.();
        }}
      >
        {props.captions?.map((c, i) => <track key={c.src} kind="captions" src={c.src} srcLang={c.lang} label={c.label} default={i === 0} />)}
      </video>
      {error && !props.onError && <ErrorNotice className="player-error" error={playbackError(error)} data-testid="player-error" />}
      <div className="player-controls">
        <button type="button" onClick={togglePlay} aria-label={playing ? t('player.pause') : t('player.play')} title={playing ? t('player.pauseTitle') : t('player.playTitle')} data-testid="player-play">
          {playing ? <PauseIcon /> : <PlayIcon />}
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
            aria-label={t('player.seek')}
            aria-valuetext={t('player.timeOf', { time: formatTime(time), duration: formatTime(duration) })}
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
        <button type="button" onClick={toggleMute} aria-label={muted ? t('player.unmute') : t('player.mute')} title={t('player.muteTitle')} aria-pressed={muted}>
          <VolumeIcon muted={muted} />
        </button>
        {props.captions && props.captions.length > 0 && (
          <button type="button" onClick={toggleCaptions} aria-label={t('player.captions')} aria-pressed={captionsOn} data-testid="player-captions">
            {t('player.captionsShort')}
          </button>
        )}
        <label className="player-select">
          <span className="visually-hidden">{t('player.speed')}</span>
          <select value={speed} onChange={(e) => changeSpeed(Number(e.currentTarget.value))} data-testid="player-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {qualities.length > 0 && (
          <label className="player-select">
            <span className="visually-hidden">{t('player.quality')}</span>
            <select
              value={qualities.length > 1 ? quality : qualities[0]!.index}
              onChange={(e) => changeQuality(Number(e.currentTarget.value))}
              disabled={qualities.length === 1}
              title={activeLabel ? t('player.playingQuality', { quality: activeLabel }) : undefined}
              data-active={activeLabel ?? undefined}
              data-testid="player-quality"
            >
              {qualities.length > 1 && <option value={-1}>{activeLabel ? t('player.autoQuality', { quality: activeLabel }) : t('player.auto')}</option>}
              {qualities.map((q) => (
                <option key={q.index} value={q.index}>
                  {q.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={toggleFullscreen} aria-label={t('player.fullscreen')} title={t('player.fullscreenTitle')}>
          <FullscreenIcon />
        </button>
      </div>
    </div>
  );
}
