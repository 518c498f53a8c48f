/**
 * Synthetic sources for the media benchmark and tests, generated with ffmpeg's lavfi filters (no files to ship).
 * - lecture: white slides whose text changes every 6 s and builds up line by line, a pointer that moves
 *   all the time, a 320×180 "camera" picture in a corner, and a tone whose loudness varies like speech.
 * - motion: testsrc2, full-frame motion and colour everywhere, with a tone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export type SourceKind = 'lecture' | 'motion';

const FONT_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf', '/Library/Fonts/Arial.ttf'];

export interface SourceOptions {
  width: number;
  height: number;
  seconds: number;
  /** Mono audio (a lecture recorded with one microphone). */
  mono?: boolean;
}

function lectureGraph(o: SourceOptions): string {
  const font = FONT_CANDIDATES.find((f) => fs.existsSync(f));
  if (!font) throw new Error(`no TrueType font for the lecture-like source; install fonts-dejavu-core (looked in ${FONT_CANDIDATES.join(', ')})`);
  const k = o.height / 1080;
  const px = (n: number) => Math.max(1, Math.round(n * k));
  const text = (size: number, x: number, y: number, body: string, from: number) =>
    `drawtext=fontfile=${font}:fontsize=${px(size)}:fontcolor=black:x=${px(x)}:y=${px(y)}:text='${body}'${from > 0 ? `:enable='gte(mod(t,6),${from})'` : ''}`;
  const slide = [
    `color=c=white:s=${o.width}x${o.height}:r=30:d=${o.seconds}`,
    text(64, 120, 100, 'Lecture slide %{eif\\:trunc(t/6)+1\\:d}', 0),
    text(40, 160, 260, '- Point about topic %{eif\\:trunc(t/6)*7+3\\:d} and its proof', 1),
    text(40, 160, 340, '- Example %{eif\\:trunc(t/6)*3+1\\:d}\\: f(x) = x^2 + %{eif\\:trunc(t/6)\\:d}', 3),
    text(40, 160, 420, '- Summary of slide %{eif\\:trunc(t/6)+1\\:d}', 5),
  ].join(',');
  const cam = `testsrc2=s=${px(320)}x${px(180)}:r=30:d=${o.seconds}`;
  const pointer = `color=c=red:s=${px(20)}x${px(20)}:r=30:d=${o.seconds}`;
  return [
    `${slide}[bg]`,
    `${cam}[cam]`,
    `${pointer}[ptr]`,
    `[bg][ptr]overlay=x='${px(200)}+${px(600)}*abs(sin(t/3))':y='${px(300)}+${px(200)}*abs(cos(t/4))'[p]`,
    `[p][cam]overlay=x=W-w-${px(40)}:y=H-h-${px(40)}[v]`,
    `${audio(o)}[a]`,
  ].join(';');
}

function audio(o: SourceOptions): string {
  // Loudness rising and falling a few times a second, like speech; -ac 1 or 2 decides the layout.
  return `sine=f=220:d=${o.seconds}:sample_rate=48000,volume='0.3+0.3*sin(t*9)*sin(t*2)':eval=frame`;
}

function motionGraph(o: SourceOptions): string {
  return `testsrc2=s=${o.width}x${o.height}:r=30:d=${o.seconds}[v];${audio(o)}[a]`;
}

/** Writes an H.264/AAC MP4 source (near-lossless, so the encode under test is what the measurement sees). */
export function makeSource(ffmpeg: string, kind: SourceKind, file: string, o: SourceOptions): string {
  const graph = kind === 'lecture' ? lectureGraph(o) : motionGraph(o);
  execFileSync(ffmpeg, [
    '-v', 'error', '-y', '-filter_complex', graph, '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '10', '-g', '60', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-ac', o.mono ? '1' : '2', '-t', String(o.seconds), file,
  ]);
  return file;
}
