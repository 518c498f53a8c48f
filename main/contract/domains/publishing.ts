/** The instructor's hubs, uploads and publishing (issue #4). */
export const publishingChannels = {} as const;

export const publishingEvents = {} as const;
