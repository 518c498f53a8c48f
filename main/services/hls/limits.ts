/**
 * Caps on what a hub's playlists may make Lectern do. A 60-minute lecture at 4 s per segment is ~900
 * segments and a 10-hour one at 2 s is 18,000, so these leave room for real content while keeping a
 * hostile playlist from costing more than a couple of megabytes of memory.
 */
export interface HlsLimits {
  maxPlaylistBytes: number;
  maxVariants: number;
  maxRenditions: number;
  maxSegments: number;
  maxUriLength: number;
}

export const DEFAULT_HLS_LIMITS: Readonly<HlsLimits> = {
  maxPlaylistBytes: 2 * 1024 * 1024,
  maxVariants: 16,
  maxRenditions: 16,
  maxSegments: 20_000,
  maxUriLength: 1024,
};
