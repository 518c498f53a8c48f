import type { Migration } from '../migration';
import { courseDrafts } from './0001-course-drafts';
import { mediaMigration } from './0002-media';
import { hubUploads } from './0003-hub-uploads';
import { downloadsMigration } from './0004-downloads';
import { publications } from './0005-publications';
import { library } from './0006-library';
import { downloadPriority } from './0007-download-priority';
import { captionsMigration } from './0008-captions';
import { libraryHubCredentials } from './0009-library-hub-credentials';
import { recordingTakes } from './0010-recording-takes';
import { appSettings } from './0011-app-settings';
import { courseEncoding } from './0012-course-encoding';
import { catalogPages } from './0013-catalog-pages';
import { courseCover } from './0014-course-cover';
import { downloadErrorText } from './0015-download-error-text';
import { storedErrorText } from './0016-error-text';

/** Every migration in order. Append only: the position in this list is the schema version. */
export const migrations: readonly Migration[] = [
  courseDrafts,
  mediaMigration,
  hubUploads,
  downloadsMigration,
  publications,
  library,
  downloadPriority,
  captionsMigration,
  libraryHubCredentials,
  recordingTakes,
  appSettings,
  courseEncoding,
  catalogPages,
  courseCover,
  downloadErrorText,
  storedErrorText,
];
