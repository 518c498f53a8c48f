/**
 * Finished outputs, served to the page by the studio-media route on the app's own origin. `v` changes
 * when an output is rebuilt: the route answers no-cache + ETag, but an <img> or player whose URL stays
 * the same is never asked to load again.
 */
export const mediaUrl = (lectureId: string, file: string, version: number): string => `/studio-media/${lectureId}/${file}?v=${version}`;

export const mediaPanelId = (lectureId: string): string => `media-panel-${lectureId}`;
