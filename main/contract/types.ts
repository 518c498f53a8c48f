/** Domain objects as the renderer sees them. Plain JSON: they cross IPC and the test host's WebSocket. */

export type LectureStatus = 'draft' | 'ready';

export interface Lecture {
  id: string;
  sectionId: string;
  title: string;
  summary: string;
  /** Seconds; null until media is attached. */
  durationSec: number | null;
  freePreview: boolean;
  status: LectureStatus;
  position: number;
  updatedAt: number;
}

export interface Section {
  id: string;
  courseId: string;
  title: string;
  position: number;
  updatedAt: number;
}

export interface SectionWithLectures extends Section {
  lectures: Lecture[];
}

export interface Course {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  language: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export interface CourseSummary {
  id: string;
  title: string;
  subtitle: string;
  sectionCount: number;
  lectureCount: number;
  updatedAt: number;
}

export interface CourseDetail extends Course {
  sections: SectionWithLectures[];
}

export type TrashKind = 'course' | 'section' | 'lecture';

export interface DeleteReceipt {
  undoToken: string;
  kind: TrashKind;
  /** What the user deleted, for an "Undo delete of …" message. */
  title: string;
}

export interface RestoreReceipt {
  kind: TrashKind;
  courseId: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
}

/** Where the app's own update stands; release notes are plain text from the release feed. */
export type UpdateState =
  | { phase: 'disabled'; reason: string }
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'up-to-date'; version: string }
  | { phase: 'available'; version: string; notes?: string | undefined }
  | { phase: 'downloading'; version: string; percent: number; bytesPerSecond: number }
  | { phase: 'ready'; version: string }
  | { phase: 'error'; message: string };
