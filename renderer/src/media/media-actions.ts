import type { MediaJobKind } from '../../../main/contract/types';
import { LecternError } from '../../../main/contract/errors';
import type { MessageKey } from '../i18n/catalogs';
import { translate } from '../i18n/format';
import { call, subscribe } from '../ipc';
import { useNotices } from '../state/notices-store';
import { useMedia } from './media-store';

let watching = false;

/**
 * Follows `media.job` for the whole page (once): progress goes straight into the store, and a finished
 * job refetches its lecture, whose new output (poster, ladder) only `media.get` describes.
 */
export function watchMediaJobs(): void {
  if (watching) return;
  watching = true;
  subscribe('media.job', (job) => {
    useMedia.getState().applyJob(job);
    if (job.status === 'done') void loadMedia(job.lectureId);
  });
}

let toolsChecked = false;

/** Once per page: an ffmpeg that cannot transcode is said up front, not only when the first job fails. */
export function reportMediaTools(): void {
  if (toolsChecked) return;
  toolsChecked = true;
  call('media.tools', {})
    .then((tools) => {
      useMedia.getState().setToolsProblem(tools.problem);
      if (tools.problem) useNotices.getState().pushError(null, tools.problem);
    })
    .catch((err: unknown) => useNotices.getState().pushError(translate('media.error.checkTools'), err));
}

export async function loadMedia(lectureId: string): Promise<void> {
  try {
    useMedia.getState().setMedia(lectureId, await call('media.get', { lectureId }));
  } catch (err) {
    // The lecture was deleted meanwhile; its row is going away.
    if (err instanceof LecternError && err.code === 'not-found') return;
    useMedia.getState().patch(lectureId, { problem: { lead: 'media.error.load', error: err, retry: null }, expanded: true });
  }
}

/** Probes, validates and copies the file, then starts the previews and the ladder. */
export async function importVideo(lectureId: string, filePath: string): Promise<void> {
  const store = useMedia.getState();
  store.patch(lectureId, { importing: fileName(filePath), problem: null, expanded: true });
  try {
    store.setMedia(lectureId, await call('media.import', { lectureId, filePath }));
  } catch (err) {
    // Main names the file and what is wrong with it; nothing was attached.
    store.patch(lectureId, { importing: null, problem: { error: err, retry: { kind: 'import', filePath } }, expanded: true });
    return;
  }
  store.patch(lectureId, { importing: null });
  await buildMedia(lectureId);
}

export function toggleMediaPanel(lectureId: string): void {
  const entry = useMedia.getState().lectures[lectureId];
  useMedia.getState().patch(lectureId, { expanded: !(entry?.expanded ?? false) });
}

export async function pickVideo(lectureId: string): Promise<void> {
  let picked: string | null;
  try {
    picked = (await call('dialog.pickVideoFile', {})).filePath;
  } catch (err) {
    useMedia.getState().patch(lectureId, { problem: { lead: 'media.error.fileDialog', error: err, retry: null }, expanded: true });
    return;
  }
  if (picked !== null) await importVideo(lectureId, picked);
}

/** Asks for a WebVTT file and attaches it (main checks it and names the problem if it is refused). */
export async function pickCaptions(lectureId: string): Promise<void> {
  const store = useMedia.getState();
  const problem = (error: unknown, lead?: MessageKey) => store.patch(lectureId, { problem: { error, ...(lead ? { lead } : {}), retry: null, about: 'captions' }, expanded: true });
  let picked: string | null;
  try {
    picked = (await call('dialog.pickCaptionsFile', {})).filePath;
  } catch (err) {
    return problem(err, 'media.error.fileDialog');
  }
  if (picked === null) return;
  store.patch(lectureId, { problem: null });
  // A replacement is usually a corrected file in the same language: keep what the instructor set.
  const current = useMedia.getState().lectures[lectureId]?.media?.captions;
  const info = { ...(current?.language ? { language: current.language } : {}), ...(current?.label ? { label: current.label } : {}) };
  try {
    store.setMedia(lectureId, await call('media.attachCaptions', { lectureId, filePath: picked, ...info }));
  } catch (err) {
    problem(err);
  }
}

/** Saves the captions' language or label (null clears it); rejects with main's reason so the field can show it. */
export async function saveCaptionsInfo(lectureId: string, info: { language?: string | null; label?: string | null }): Promise<void> {
  useMedia.getState().setMedia(lectureId, await call('media.setCaptionsInfo', { lectureId, ...info }));
}

export async function removeCaptions(lectureId: string): Promise<void> {
  const store = useMedia.getState();
  try {
    store.setMedia(lectureId, await call('media.removeCaptions', { lectureId }));
  } catch (err) {
    store.patch(lectureId, { problem: { lead: 'media.error.removeCaptions', error: err, retry: null, about: 'captions' }, expanded: true });
  }
}

export async function dropVideo(lectureId: string, files: FileList): Promise<void> {
  const problem = (key: MessageKey, values: Record<string, string | number>) =>
    useMedia.getState().patch(lectureId, { problem: { error: null, note: { key, values }, retry: null }, expanded: true });
  const file = files[0];
  if (!file) return;
  if (files.length > 1) return problem('media.error.dropOne', { count: files.length });
  const filePath = await window.lectern.pathForFile(file);
  if (!filePath) return problem('media.error.notLocal', { name: file.name });
  await importVideo(lectureId, filePath);
}

/** Queues every output, or only `kinds` when retrying one that failed or was cancelled. */
export async function buildMedia(lectureId: string, kinds?: MediaJobKind[]): Promise<void> {
  const store = useMedia.getState();
  store.patch(lectureId, { problem: null });
  try {
    const jobs = await call('media.build', kinds ? { lectureId, kinds } : { lectureId });
    for (const job of jobs) store.applyJob(job);
  } catch (err) {
    store.patch(lectureId, { problem: { lead: 'media.error.build', error: err, retry: { kind: 'build' } }, expanded: true });
  }
}

export async function cancelJob(lectureId: string, jobId: string): Promise<void> {
  try {
    useMedia.getState().applyJob(await call('media.cancel', { jobId }));
  } catch (err) {
    useMedia.getState().patch(lectureId, { problem: { lead: 'media.error.cancel', error: err, retry: null }, expanded: true });
  }
}

/** The name part of a path from either platform's dialog. */
function fileName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}
