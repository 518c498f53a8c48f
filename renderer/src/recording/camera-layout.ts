import type { CameraCorner } from '../../../main/contract/types';
import type { MessageKey } from '../i18n/catalogs';

/**
 * Where the camera sits on the recording. The panel's preview is the very canvas that is recorded, and
 * both are drawn with these functions, so what the instructor sees is what students get.
 */
export interface CameraLayout {
  corner: CameraCorner;
  /** Camera width as a fraction of the output width (0.1–0.5, as the contract allows). */
  size: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

export const DEFAULT_LAYOUT: CameraLayout = { corner: 'bottom-right', size: 0.25 };

export const CORNERS: readonly { value: CameraCorner; label: MessageKey }[] = [
  { value: 'top-left', label: 'recording.corner.topLeft' },
  { value: 'top-right', label: 'recording.corner.topRight' },
  { value: 'bottom-left', label: 'recording.corner.bottomLeft' },
  { value: 'bottom-right', label: 'recording.corner.bottomRight' },
];

/** The ladder's top rung is 1080p: recording more only costs disk and encoder time. */
const MAX_OUTPUT: Size = { width: 1920, height: 1080 };
const FALLBACK: Size = { width: 1280, height: 720 };

/** The recording's size: the screen's (or, with no screen, the camera's) scaled to fit 1080p, even sides for the encoder. */
export function outputSize(screen: Size | null, camera: Size | null): Size {
  const base = screen ?? camera ?? FALLBACK;
  if (base.width <= 0 || base.height <= 0) return FALLBACK;
  const scale = Math.min(1, MAX_OUTPUT.width / base.width, MAX_OUTPUT.height / base.height);
  return { width: even(base.width * scale), height: even(base.height * scale) };
}

/** `inner` scaled to fit `outer`, centred (letterboxed), for a screen whose shape differs from the output. */
export function fitRect(inner: Size, outer: Size): Rect {
  if (inner.width <= 0 || inner.height <= 0) return { x: 0, y: 0, ...outer };
  const scale = Math.min(outer.width / inner.width, outer.height / inner.height);
  const width = inner.width * scale;
  const height = inner.height * scale;
  return { x: (outer.width - width) / 2, y: (outer.height - height) / 2, width, height };
}

/** The camera overlay's rectangle on an output with a screen, inset from the chosen corner by 2 % of the width. */
export function cameraRect(output: Size, camera: Size, layout: CameraLayout): Rect {
  const width = output.width * layout.size;
  const aspect = camera.width > 0 && camera.height > 0 ? camera.height / camera.width : 9 / 16;
  const height = width * aspect;
  const margin = output.width * 0.02;
  const left = layout.corner.endsWith('left');
  const top = layout.corner.startsWith('top');
  return {
    x: left ? margin : output.width - width - margin,
    y: top ? margin : output.height - height - margin,
    width,
    height,
  };
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
