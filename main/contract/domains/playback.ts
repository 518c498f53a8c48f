/** The offline player's side: watch progress, "continue where I left off" (issue #5). */
export const playbackChannels = {} as const;

export const playbackEvents = {} as const;
