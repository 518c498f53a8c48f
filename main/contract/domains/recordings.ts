import { z } from 'zod';
import { channel, event, none } from '../define';
import { Id } from '../schemas';
import type { CaptureSource, LectureMedia, RecordingDiskSpace, RecordingTake } from '../types';

/** MediaRecorder slices are 1–2 s; 8 MiB of base64 is far above any real slice and bounds one request. */
export const MAX_CHUNK_BASE64 = 8 * 1024 * 1024;

const TakeRef = z.strictObject({ takeId: Id });

const CameraCorner = z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']);

/** Where the camera sits on the screen recording; the preview and the recorded canvas use the same numbers. */
export const CameraLayoutSchema = z.strictObject({
  corner: CameraCorner,
  /** Camera width as a fraction of the output width. */
  size: z.number().min(0.1, 'Camera size is at least 10 %').max(0.5, 'Camera size is at most 50 %'),
});

const Tracks = z.strictObject({ screen: z.boolean(), camera: z.boolean(), microphone: z.boolean() });

/**
 * Recording studio. The renderer records with MediaRecorder in 1–2 s slices and sends each slice here;
 * main appends it to the take's file and journals it in SQLite, so a crash loses at most the last slice.
 */
export const recordingsChannels = {
  'recordings.start': channel<RecordingTake>()(
    z.strictObject({
      lectureId: Id,
      /** The MediaRecorder mimeType, e.g. "video/webm;codecs=vp8,opus". */
      mimeType: z.string().min(1).max(200).regex(/^(video|audio)\/(webm|x-matroska|mp4)(;[^\p{Cc}]*)?$/u, 'Recording format must be WebM, Matroska or MP4'),
      tracks: Tracks.refine((t) => t.screen || t.camera || t.microphone, 'Choose at least a screen, a camera or a microphone'),
      layout: CameraLayoutSchema.optional(),
    }),
    'Begin a new take for a lecture (refused when the disk has less than a few minutes of room).',
  ),
  'recordings.appendChunk': channel<{ bytes: number; chunks: number }>()(
    z.strictObject({
      takeId: Id,
      /** 0-based slice number; a repeated number is ignored (a retry), a gap is refused. */
      seq: z.number().int().min(0),
      data: z.string().max(MAX_CHUNK_BASE64, 'A recording slice is at most 6 MiB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Recording slice must be base64'),
      /** Recorded time so far (pauses excluded), in milliseconds. */
      elapsedMs: z.number().int().min(0),
    }),
    "Append one MediaRecorder slice to a take's file and journal it.",
  ),
  'recordings.pause': channel<RecordingTake>()(TakeRef, 'Mark a take paused (the recorder is paused in the renderer).'),
  'recordings.resume': channel<RecordingTake>()(TakeRef, 'Mark a paused take recording again.'),
  'recordings.stop': channel<RecordingTake>()(
    z.strictObject({ takeId: Id, elapsedMs: z.number().int().min(0) }),
    "Finish a take: finalise its file (duration, seek index), make a thumbnail and a storyboard, then make it the lecture's video.",
  ),
  'recordings.discard': channel<{ takeId: string }>()(TakeRef, 'Throw away a take that is being recorded or was left unfinished.'),
  'recordings.get': channel<RecordingTake>()(TakeRef, 'One take.'),
  'recordings.list': channel<RecordingTake[]>()(
    z.strictObject({ lectureId: Id.optional() }),
    "A lecture's takes (every take when no lecture is given, for the CLI), newest first (deleted ones excluded).",
  ),
  'recordings.unfinished': channel<RecordingTake[]>()(none, 'Takes left unfinished by a crash or a kill, for the recovery prompt.'),
  'recordings.recover': channel<RecordingTake>()(TakeRef, 'Finalise what an unfinished take wrote, then treat it as stopped.'),
  'recordings.rename': channel<RecordingTake>()(
    z.strictObject({ takeId: Id, name: z.string().trim().min(1, 'Take name cannot be empty').max(200, 'Take name is at most 200 characters') }),
    'Rename a take.',
  ),
  'recordings.delete': channel<RecordingTake>()(TakeRef, 'Delete a take (undo with recordings.restore); the take in use cannot be deleted.'),
  'recordings.restore': channel<RecordingTake>()(TakeRef, 'Undo the deletion of a take.'),
  'recordings.use': channel<LectureMedia>()(TakeRef, "Make a finished take (trimmed, if it has in/out points) the lecture's video; the media pipeline runs on it."),
  'recordings.trim': channel<RecordingTake>()(
    z.strictObject({ takeId: Id, startSec: z.number().min(0), endSec: z.number().positive() }).refine((t) => t.endSec - t.startSec >= 1, {
      message: 'A trimmed take must be at least 1 second long',
      path: ['endSec'],
    }),
    'Set in/out points on a finished take; the trimmed video is made in the background.',
  ),
  'recordings.clearTrim': channel<RecordingTake>()(TakeRef, "Remove a take's in/out points."),
  'recordings.diskSpace': channel<RecordingDiskSpace>()(none, 'Free space in the data folder, and about how many minutes of recording it holds.'),
  'recordings.sources': channel<CaptureSource[]>()(none, 'Screens and windows that can be recorded, with thumbnails (the app only; elsewhere the browser asks).'),
  'recordings.chooseSource': channel<{ sourceId: string }>()(
    z.strictObject({ sourceId: z.string().min(1).max(500) }),
    'The screen or window the next screen capture request records.',
  ),
} as const;

export const recordingsEvents = {
  'recordings.take': event<RecordingTake>('A take was created, recorded a slice, changed state (finalising, ready, failed), was renamed, trimmed, deleted or restored.'),
} as const;
