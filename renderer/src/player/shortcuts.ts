import { isComposing } from '../ui/ime';

export type PlayerAction =
  | { kind: 'toggle-play' }
  | { kind: 'seek-by'; seconds: number }
  | { kind: 'toggle-fullscreen' }
  | { kind: 'toggle-mute' }
  | { kind: 'speed-by'; step: number };

/**
 * The player's keyboard map (YouTube-like, as students expect): space/K play-pause, ←/→ 5 s, J/L 10 s,
 * F fullscreen, M mute, Shift+. / Shift+, speed. Keys with Ctrl/Alt/Meta belong to the app, not the player.
 */
export function actionForKey(e: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
}): PlayerAction | null {
  // A key an IME is composing with (e.g. ㅏ on the K key of a Korean layout) is text, not a shortcut.
  if (e.ctrlKey || e.altKey || e.metaKey || isComposing(e)) return null;
  switch (e.key) {
    case ' ':
    case 'k':
    case 'K':
      return { kind: 'toggle-play' };
    case 'ArrowLeft':
      return { kind: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { kind: 'seek-by', seconds: 5 };
    case 'j':
    case 'J':
      return { kind: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { kind: 'seek-by', seconds: 10 };
    case 'f':
    case 'F':
      return { kind: 'toggle-fullscreen' };
    case 'm':
    case 'M':
      return { kind: 'toggle-mute' };
    case '>':
      return { kind: 'speed-by', step: 0.25 };
    case '<':
      return { kind: 'speed-by', step: -0.25 };
    default:
      return null;
  }
}

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export function clampSpeed(speed: number): number {
  return Math.min(2, Math.max(0.5, Math.round(speed * 4) / 4));
}

export function formatTime(t: number): string {
  if (!Number.isFinite(t) || t < 0) return '0:00';
  const s = Math.floor(t % 60);
  const m = Math.floor(t / 60) % 60;
  const h = Math.floor(t / 3600);
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Input types that take typed text; range sliders and buttons are not fields the student types in. */
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/**
 * Whether a key event's target is somewhere the student types (a text field, text area, select or an
 * editable region), where the player's single-key shortcuts must not fire.
 */
export function isTypingTarget(target: { tagName?: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!target?.tagName) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}

export type LectureAction = { kind: 'next-lecture' } | { kind: 'previous-lecture' } | { kind: 'toggle-theater' };

/**
 * The player page's keys around the video: Shift+N / Shift+P next and previous lecture, T theater mode.
 * Separate from `actionForKey` because they belong to the page (the curriculum), not to one video.
 */
export function lectureActionForKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }): LectureAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.shiftKey && (e.key === 'N' || e.key === 'n')) return { kind: 'next-lecture' };
  if (e.shiftKey && (e.key === 'P' || e.key === 'p')) return { kind: 'previous-lecture' };
  if (!e.shiftKey && (e.key === 't' || e.key === 'T')) return { kind: 'toggle-theater' };
  return null;
}
