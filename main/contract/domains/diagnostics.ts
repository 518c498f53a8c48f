import { z } from 'zod';
import { channel } from '../define';
import type { DiagnosticsExport } from '../types';

const ExportInput = z.strictObject({
  /** The folder the export goes into (a new subfolder is created there); absent: ask with the folder dialog. */
  outDir: z.string().trim().min(1, 'The folder cannot be empty').max(4096, 'The folder path is too long').optional(),
});

/** Support files a user can send: what is installed, what is queued, what the log says; never a secret. */
export const diagnosticsChannels = {
  'diagnostics.export': channel<DiagnosticsExport>()(
    ExportInput,
    'Write a diagnostics folder (versions, ffmpeg report, disk space, queues, recent log, crash dumps) with every secret redacted; path is null when the folder dialog was cancelled.',
  ),
} as const;
