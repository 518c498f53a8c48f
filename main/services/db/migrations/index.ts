import type { Migration } from '../migration';
import { courseDrafts } from './0001-course-drafts';
import { mediaMigration } from './0002-media';

/** Every migration in order. Append only: the position in this list is the schema version. */
export const migrations: readonly Migration[] = [courseDrafts, mediaMigration];
