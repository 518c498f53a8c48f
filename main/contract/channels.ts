import { z } from 'zod';
import type { FfmpegInfo, LectureMedia, MediaJob, AppInfo, UpdateState, CourseDetail, CourseSummary, Course, DeleteReceipt, Lecture, RestoreReceipt, Section } from './types';
import { CoursePatch, Id, LecturePatch, Position, SectionPatch, Title } from './schemas';

/**
 * The IPC contract: every request the renderer may make, declared once.
 * Main registers a handler per entry (main/ipc/handlers.ts), preload exposes exactly these names,
 * the test host carries the same names over a WebSocket. Inputs are validated with the zod schema in
 * main before a handler runs; unknown keys are rejected (strict objects).
 */

/** Carries the result type at compile time only. */
export interface ChannelSpec<I extends z.ZodType, R> {
  readonly input: I;
  readonly doc: string;
  readonly __result?: R;
}

const channel =
  <R>() =>
  <I extends z.ZodType>(input: I, doc: string): ChannelSpec<I, R> => ({ input, doc });

const none = z.strictObject({});

export const channels = {
  'app.info': channel<AppInfo>()(none, 'Version, data folder and schema version of this installation.'),
  'dialog.pickVideoFile': channel<{ filePath: string | null }>()(none, 'Ask the user for a video file with the system dialog; null when cancelled.'),

  'courses.list': channel<CourseSummary[]>()(none, 'Every course draft, most recently edited first.'),
  'courses.get': channel<CourseDetail>()(z.strictObject({ courseId: Id }), 'One course with its sections and lectures in order.'),
  'courses.create': channel<CourseDetail>()(z.strictObject({ title: Title }), 'Create an empty course draft.'),
  'courses.update': channel<Course>()(
    z.strictObject({ courseId: Id, patch: CoursePatch }),
    'Change course metadata; fields left out stay as they are (autosave sends one field at a time).',
  ),
  'courses.delete': channel<DeleteReceipt>()(
    z.strictObject({ courseId: Id }),
    'Delete a course and everything in it; the receipt undoes it.',
  ),

  'sections.create': channel<Section>()(z.strictObject({ courseId: Id, title: Title }), 'Append a section to a course.'),
  'sections.update': channel<Section>()(z.strictObject({ sectionId: Id, patch: SectionPatch }), 'Rename a section.'),
  'sections.delete': channel<DeleteReceipt>()(z.strictObject({ sectionId: Id }), 'Delete a section and its lectures.'),
  'sections.move': channel<CourseDetail>()(
    z.strictObject({ sectionId: Id, toIndex: Position }),
    'Move a section to a new index within its course (clamped to the end).',
  ),

  'lectures.create': channel<Lecture>()(z.strictObject({ sectionId: Id, title: Title }), 'Append a lecture to a section.'),
  'lectures.update': channel<Lecture>()(z.strictObject({ lectureId: Id, patch: LecturePatch }), 'Change lecture fields.'),
  'lectures.delete': channel<DeleteReceipt>()(z.strictObject({ lectureId: Id }), 'Delete a lecture.'),
  'lectures.move': channel<CourseDetail>()(
    z.strictObject({ lectureId: Id, toSectionId: Id, toIndex: Position }),
    'Move a lecture to an index in a section of the same course (clamped to the end).',
  ),

  'updates.state': channel<UpdateState>()(none, 'Where the app update stands.'),
  'updates.check': channel<UpdateState>()(none, 'Look for a newer Lectern now.'),
  'updates.download': channel<UpdateState>()(none, 'Download the available update (verified before it is offered).'),
  'updates.install': channel<UpdateState>()(none, 'Restart into the downloaded update.'),

  'media.tools': channel<FfmpegInfo>()(none, 'Which ffmpeg and ffprobe Lectern runs, their version, and anything missing for transcoding.'),
  'media.import': channel<LectureMedia>()(
    z.strictObject({ lectureId: Id, filePath: z.string().min(1).max(4096) }),
    'Attach a video file to a lecture: probe and validate it, then copy it into the library.',
  ),
  'media.get': channel<LectureMedia>()(z.strictObject({ lectureId: Id }), "A lecture's source info, finished previews and ladder, and its jobs."),
  'media.build': channel<MediaJob[]>()(
    z.strictObject({ lectureId: Id, wait: z.boolean().optional() }),
    'Queue poster, storyboard, HLS ladder and preview clip; with wait, resolve when they have finished.',
  ),
  'media.cancel': channel<MediaJob>()(z.strictObject({ jobId: Id }), 'Cancel a queued or running media job; partial output is removed.'),
  'media.jobs': channel<MediaJob[]>()(none, 'Every media job, oldest first.'),

  'trash.restore': channel<RestoreReceipt>()(
    z.strictObject({ undoToken: z.string().min(1).max(100) }),
    'Undo a delete with the receipt it returned.',
  ),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What the renderer passes. */
export type InputOf<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives after validation. */
export type ParsedInputOf<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ResultOf<C extends ChannelName> = Channels[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
