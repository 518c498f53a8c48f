import type { Migration } from '../migration';

/**
 * A download's place in the queue. Downloads fetch one (or a few) at a time; the waiting ones go by
 * priority (higher first), then in the order they were added, which for a course is lecture order.
 * "Download next" and pressing play on an unfinished lecture raise it above every other download.
 */
export const downloadPriority: Migration = {
  name: 'download priority',
  up(db) {
    db.exec('ALTER TABLE downloads ADD COLUMN priority INTEGER NOT NULL DEFAULT 0');
  },
};
