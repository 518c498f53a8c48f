import path from 'node:path';

/**
 * Where takes live: `<dataDir>/recordings/<takeId>/`, every file name Lectern's own. Nothing a recorder
 * sends chooses a path: the take id is a UUID issued here and the extension comes from a fixed table.
 */
export class TakePaths {
  constructor(readonly dataDir: string) {}

  root(): string {
    return path.join(this.dataDir, 'recordings');
  }
  dir(takeId: string): string {
    return path.join(this.root(), takeId);
  }
  file(takeId: string, name: string): string {
    return path.join(this.dir(takeId), name);
  }
  storyboardDir(takeId: string): string {
    return path.join(this.dir(takeId), STORYBOARD_DIR);
  }
}

export const THUMBNAIL_FILE = 'thumbnail.jpg';
export const STORYBOARD_DIR = 'storyboard';
export const TRIMMED_FILE = 'trimmed.mp4';
/** Files the studio route serves besides the final video and the storyboard folder. */
export const FINAL_NAMES = ['final.webm', 'final.mkv', 'final.mp4'] as const;
export type FinalName = (typeof FINAL_NAMES)[number];

/** The journaled file's name, from the MediaRecorder mime type the contract already restricted to three containers. */
export function takeFileName(mimeType: string): string {
  const container = mimeType.split(';')[0]?.trim().toLowerCase();
  if (container?.endsWith('/mp4')) return 'take.mp4';
  if (container?.endsWith('/x-matroska')) return 'take.mkv';
  return 'take.webm';
}
