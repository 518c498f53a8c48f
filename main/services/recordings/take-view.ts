import fs from 'node:fs';
import path from 'node:path';
import type { RecordingTake } from '../../contract/types';
import { STORYBOARD_SPRITE, STORYBOARD_VTT } from '../media/media-paths';
import { takeUrl } from './recordings-route';
import { STORYBOARD_DIR, THUMBNAIL_FILE, type TakePaths } from './take-paths';
import type { StoredTake, TakeStore } from './take-store';

/** What the renderer sees of a take: app-origin URLs for finished files, no pids, no file names. */
export function viewTake(t: StoredTake, store: TakeStore, paths: TakePaths): RecordingTake {
  const dir = paths.dir(t.id);
  const ready = t.state === 'ready' && t.finalName !== null;
  const has = (...parts: string[]) => ready && fs.existsSync(path.join(dir, ...parts));
  const trimError = t.trim?.state === 'failed' ? t.trim.error : null;
  const trimErrorText = t.trim?.state === 'failed' ? (t.trim.errorText ?? null) : null;
  return {
    id: t.id,
    lectureId: t.lectureId,
    name: t.name,
    state: t.state,
    mimeType: t.mimeType,
    tracks: t.tracks,
    layout: t.layout,
    bytes: t.bytes,
    chunks: t.chunks,
    durationSec: t.durationMs / 1000,
    createdAt: t.createdAt,
    finishedAt: t.finishedAt,
    video: ready && t.finalName ? takeUrl(t.id, t.finalName) : null,
    thumbnail: has(THUMBNAIL_FILE) ? takeUrl(t.id, THUMBNAIL_FILE) : null,
    storyboard: has(STORYBOARD_DIR, STORYBOARD_VTT) && has(STORYBOARD_DIR, STORYBOARD_SPRITE)
      ? { sprite: takeUrl(t.id, STORYBOARD_DIR, STORYBOARD_SPRITE), vtt: takeUrl(t.id, STORYBOARD_DIR, STORYBOARD_VTT) }
      : null,
    trim: t.trim ? { startSec: t.trim.startSec, endSec: t.trim.endSec, state: t.trim.state } : null,
    inUse: t.inUse !== null && t.inUse === store.sourceImportedAt(t.lectureId),
    deletedAt: t.deletedAt,
    error: t.error ?? trimError,
    errorText: t.error !== null ? (t.errorText ?? null) : trimErrorText,
  };
}
