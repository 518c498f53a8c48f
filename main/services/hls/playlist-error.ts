/** A playlist Lectern refuses; the message names the playlist, the line and what is wrong with it. */
export class PlaylistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaylistError';
  }
}
