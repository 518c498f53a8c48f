/** The offline player's side: watch progress, "continue where I left off" (issue #5). */
export const playbackChannels = {} as const;

export const playbackEvents = {} as const;

/**
 * What the player needs to play one downloaded lecture: the download names the media on the app's
 * `/media/` route, the hub's ids key the watch progress (so it survives re-downloading).
 */
export interface PlayerLecture {
  downloadId: string;
  title: string;
  hubBase: string;
  courseId: string;
  lectureId: string;
  /** A thumbnails WebVTT (`sprite.jpg#xywh=…` cues) on the app's origin. */
  storyboardVttUrl?: string | null;
  /** A captions WebVTT on the app's origin. */
  captionsUrl?: string | null;
}

/**
 * The header the player adds to its own media requests; the offline media route hands out keys only to
 * requests that carry it or same-origin fetch metadata (main/services/offline-media).
 */
export const PLAYER_REQUEST_HEADER = 'x-lectern-player';
