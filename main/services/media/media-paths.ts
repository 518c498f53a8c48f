import path from 'node:path';

/**
 * Where a lecture's media lives: `<dataDir>/media/<lectureId>/`. Finished outputs have fixed names;
 * work in progress goes to dot-folders that are renamed into place whole, so a reader never sees a
 * half-written ladder and a crash leaves only `.tmp-*` folders to sweep.
 */
export class MediaPaths {
  constructor(readonly dataDir: string) {}

  root(): string {
    return path.join(this.dataDir, 'media');
  }
  lectureDir(lectureId: string): string {
    return path.join(this.root(), lectureId);
  }
  source(lectureId: string, fileName: string): string {
    return path.join(this.lectureDir(lectureId), fileName);
  }
  /** Finished output of one job kind: a file (poster, preview) or a folder (storyboard, hls). */
  output(lectureId: string, name: OutputName): string {
    return path.join(this.lectureDir(lectureId), name);
  }
  /** The lecture's captions track; not a job output, so replacing the video keeps it. */
  captions(lectureId: string): string {
    return path.join(this.lectureDir(lectureId), CAPTIONS_FILE);
  }
  jobTemp(lectureId: string, jobId: string): string {
    return path.join(this.lectureDir(lectureId), `.tmp-${jobId}`);
  }
}

export type OutputName = 'poster.jpg' | 'storyboard' | 'preview.mp4' | 'hls';

export const STORYBOARD_SPRITE = 'sprite.jpg';
export const STORYBOARD_VTT = 'thumbnails.vtt';
export const MASTER_PLAYLIST = 'master.m3u8';
export const CAPTIONS_FILE = 'captions.vtt';
