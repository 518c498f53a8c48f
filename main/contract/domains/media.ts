import { z } from 'zod';
import { channel, event, none } from '../define';
import { Id, Language } from '../schemas';
import type { FfmpegInfo, LectureMedia, MediaJob, MediaJobKind } from '../types';

const MediaJobKindSchema = z.enum(['poster', 'storyboard', 'ladder', 'preview']) satisfies z.ZodType<MediaJobKind>;

/** What the player's captions menu shows, e.g. "English (CC)"; plain text on one line. */
const CaptionsLabel = z
  .string()
  .max(100, 'Captions label is at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'Captions label must be one line of text');

/** A lecture's video on the instructor's machine: import, previews, the HLS ladder and their jobs. */
export const mediaChannels = {
  'media.tools': channel<FfmpegInfo>()(none, 'Which ffmpeg and ffprobe Lectern runs, their version, and anything missing for transcoding.'),
  'media.import': channel<LectureMedia>()(
    z.strictObject({ lectureId: Id, filePath: z.string().min(1).max(4096) }),
    'Attach a video file to a lecture: probe and validate it, then copy it into the library.',
  ),
  'media.attachCaptions': channel<LectureMedia>()(
    z.strictObject({ lectureId: Id, filePath: z.string().min(1).max(4096), language: Language.optional(), label: CaptionsLabel.optional() }),
    "Attach or replace a lecture's WebVTT captions: checked (UTF-8, WEBVTT, at least one cue, at most 2 MiB), then copied into the library.",
  ),
  'media.setCaptionsInfo': channel<LectureMedia>()(
    z.strictObject({ lectureId: Id, language: Language.nullable().optional(), label: CaptionsLabel.nullable().optional() }),
    "Change the language or label of a lecture's attached captions; null clears one, a field left out is kept.",
  ),
  'media.removeCaptions': channel<LectureMedia>()(z.strictObject({ lectureId: Id }), "Remove a lecture's captions."),
  'media.get': channel<LectureMedia>()(z.strictObject({ lectureId: Id }), "A lecture's source info, finished previews and ladder, and its jobs."),
  'media.build': channel<MediaJob[]>()(
    z.strictObject({ lectureId: Id, wait: z.boolean().optional(), kinds: z.array(MediaJobKindSchema).min(1).max(4).optional() }),
    'Queue poster, storyboard, HLS ladder and preview clip (or only kinds, to retry one); with wait, resolve when they have finished.',
  ),
  'media.cancel': channel<MediaJob>()(z.strictObject({ jobId: Id }), 'Cancel a queued or running media job; partial output is removed.'),
  'media.jobs': channel<MediaJob[]>()(none, 'Every media job, oldest first.'),
} as const;

export const mediaEvents = {
  'media.job': event<MediaJob>('A media job was queued, started, made progress (about twice a second) or finished.'),
} as const;
