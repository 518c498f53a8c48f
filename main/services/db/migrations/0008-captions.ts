import type { Migration } from '../migration';

/**
 * Captions, one WebVTT track per lecture. Instructor side: `media_captions` describes the copy kept at
 * `<dataDir>/media/<lectureId>/captions.vtt` (no foreign key to lectures, like media_sources, so a lecture
 * restored from the trash keeps its captions). Student side: which stored file of a download is its
 * captions track, with the language and label the hub gave; null when the lecture has none.
 */
export const captionsMigration: Migration = {
  name: 'captions',
  up(db) {
    db.exec(`
      CREATE TABLE media_captions (
        lecture_id    TEXT PRIMARY KEY,
        original_name TEXT NOT NULL,
        size_bytes    INTEGER NOT NULL,
        cue_count     INTEGER NOT NULL,
        language      TEXT,
        label         TEXT,
        attached_at   INTEGER NOT NULL
      ) STRICT;

      ALTER TABLE downloads ADD COLUMN captions_idx INTEGER;
      ALTER TABLE downloads ADD COLUMN captions_language TEXT;
      ALTER TABLE downloads ADD COLUMN captions_label TEXT;
    `);
  },
};
