export interface StoryboardPlan {
  /** Seconds between thumbnails. */
  intervalSec: number;
  count: number;
  columns: number;
  rows: number;
  thumbWidth: number;
  thumbHeight: number;
}

const MAX_THUMBNAILS = 200;
const COLUMNS = 10;
const THUMB_LONG_SIDE = 160;

/**
 * One thumbnail every `intervalSec` (5 s by default, wider for long lectures so the sprite stays below
 * 200 tiles), 160 px on the long side in the video's own aspect, even dimensions for the scaler.
 */
export function planStoryboard(durationSec: number, width: number, height: number, intervalSec = 5): StoryboardPlan {
  const interval = Math.max(intervalSec, Math.ceil(durationSec / MAX_THUMBNAILS));
  const count = Math.max(1, Math.ceil(durationSec / interval));
  const landscape = width >= height;
  const short = even((THUMB_LONG_SIDE * Math.min(width, height)) / Math.max(width, height));
  const columns = Math.min(COLUMNS, count);
  return {
    intervalSec: interval,
    count,
    columns,
    rows: Math.ceil(count / columns),
    thumbWidth: landscape ? THUMB_LONG_SIDE : short,
    thumbHeight: landscape ? short : THUMB_LONG_SIDE,
  };
}

/** A WebVTT thumbnails track: cue i spans [i·interval, (i+1)·interval) clipped to the duration and points at tile i. */
export function storyboardVtt(plan: StoryboardPlan, durationSec: number, spriteName: string): string {
  const lines = ['WEBVTT', ''];
  for (let i = 0; i < plan.count; i++) {
    const start = i * plan.intervalSec;
    const end = i === plan.count - 1 ? durationSec : Math.min(durationSec, (i + 1) * plan.intervalSec);
    const x = (i % plan.columns) * plan.thumbWidth;
    const y = Math.floor(i / plan.columns) * plan.thumbHeight;
    lines.push(`${vttTime(start)} --> ${vttTime(end)}`, `${spriteName}#xywh=${x},${y},${plan.thumbWidth},${plan.thumbHeight}`, '');
  }
  return lines.join('\n');
}

export function vttTime(sec: number): string {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
