/** The student's side: catalog, downloads, offline playback and progress (issue #5). */
export const libraryChannels = {} as const;

export const libraryEvents = {} as const;
