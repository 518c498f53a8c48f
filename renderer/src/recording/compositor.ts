import { translate } from '../i18n/format';
import { cameraRect, fitRect, outputSize, type CameraLayout, type Size } from './camera-layout';

export const RECORD_FPS = 30;

/**
 * Draws the screen and the camera overlay into one canvas at a steady frame rate. The canvas is both the
 * panel's preview and, through captureStream(), the video track that is recorded.
 */
export class Compositor {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly ticker: Worker;
  private screen: HTMLVideoElement | null = null;
  private camera: HTMLVideoElement | null = null;
  private layout: CameraLayout;
  /** Fixed once recording starts: a recording cannot change size midway. */
  private locked = false;

  constructor(layout: CameraLayout) {
    this.layout = layout;
    this.canvas = document.createElement('canvas');
    this.canvas.width = 1280;
    this.canvas.height = 720;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error(translate('recording.error.noCanvas'));
    this.ctx = ctx;
    this.ticker = new Worker(new URL('./tick-worker.ts', import.meta.url), { type: 'module' });
    this.ticker.onmessage = () => this.draw();
    this.ticker.postMessage({ fps: RECORD_FPS });
  }

  setSources(screen: HTMLVideoElement | null, camera: HTMLVideoElement | null): void {
    this.screen = screen;
    this.camera = camera;
    this.resize();
  }

  setLayout(layout: CameraLayout): void {
    this.layout = layout;
  }

  /** Freezes the output size for the take. */
  lock(): void {
    this.resize();
    this.locked = true;
  }

  unlock(): void {
    this.locked = false;
    this.resize();
  }

  stream(): MediaStream {
    return this.canvas.captureStream(RECORD_FPS);
  }

  dispose(): void {
    this.ticker.postMessage('stop');
    this.ticker.terminate();
  }

  private resize(): void {
    if (this.locked) return;
    const size = outputSize(videoSize(this.screen), videoSize(this.camera));
    if (size.width !== this.canvas.width || size.height !== this.canvas.height) {
      this.canvas.width = size.width;
      this.canvas.height = size.height;
    }
  }

  private draw(): void {
    if (!this.locked) this.resize();
    const out: Size = { width: this.canvas.width, height: this.canvas.height };
    const { ctx } = this;
    ctx.fillStyle = '#111';
    ctx.fillRect(0, 0, out.width, out.height);
    const screen = ready(this.screen);
    const camera = ready(this.camera);
    if (screen) {
      const r = fitRect(videoSize(screen) ?? out, out);
      ctx.drawImage(screen, r.x, r.y, r.width, r.height);
    }
    if (camera) {
      // Without a screen the camera is the picture; with one it is the overlay.
      const r = screen ? cameraRect(out, videoSize(camera) ?? out, this.layout) : fitRect(videoSize(camera) ?? out, out);
      ctx.drawImage(camera, r.x, r.y, r.width, r.height);
      if (screen) {
        ctx.strokeStyle = 'rgba(255,255,255,0.8)';
        ctx.lineWidth = Math.max(2, out.width / 640);
        ctx.strokeRect(r.x, r.y, r.width, r.height);
      }
    }
  }
}

function ready(video: HTMLVideoElement | null): HTMLVideoElement | null {
  return video && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0 ? video : null;
}

function videoSize(video: HTMLVideoElement | null): Size | null {
  return video && video.videoWidth > 0 ? { width: video.videoWidth, height: video.videoHeight } : null;
}
