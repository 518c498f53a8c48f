import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { userError } from '../text/user-error';

/**
 * Puts a copy of `from` at `to` atomically: hard link when source and library share a file system (instant,
 * no extra space), else a copy; either lands under a temporary name first and is renamed into place, so
 * `to` is never a partial file. A hard link shares the original's bytes: editors and exporters replace a
 * file rather than rewrite it in place, so the draft still does not depend on the original path.
 */
export async function placeFile(from: string, to: string): Promise<'linked' | 'copied'> {
  const temp = path.join(path.dirname(to), `.import-${randomUUID()}${path.extname(to)}`);
  let how: 'linked' | 'copied' = 'linked';
  try {
    try {
      await fs.promises.link(from, temp);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // EXDEV: another device; EPERM/ENOTSUP/EMLINK: file systems or files that refuse links.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'EACCES', 'ENOSYS'].includes(code ?? '')) throw err;
      how = 'copied';
      await fs.promises.copyFile(from, temp);
    }
    await fs.promises.rename(temp, to);
    return how;
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}

export type PickedKind = 'video' | 'captions';
/**
 * Stats a file the instructor picked and refuses, naming it, one that is gone, unreadable or not a
 * regular file; `kind` says what to pick instead.
 */
export async function statPickedFile(file: string, kind: PickedKind): Promise<fs.Stats> {
  const name = `"${path.basename(file)}"`;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw userError('not-found', 'svc.media.fileMissing', { name, file });
    if (code === 'EACCES' || code === 'EPERM') throw userError('invalid-input', 'svc.media.fileDenied', { name, file });
    throw err;
  }
  if (!stat.isFile()) throw userError('invalid-input', 'svc.media.notAFile', { name, file, kind });
  return stat;
}

/** Checks the path names a readable, non-empty regular file before ffprobe sees it. */
export async function statSource(file: string): Promise<fs.Stats> {
  const stat = await statPickedFile(file, 'video');
  if (stat.size === 0) throw userError('invalid-input', 'svc.media.empty', { name: path.basename(file) });
  return stat;
}

/** The library copy keeps the original's extension (players and ffmpeg sniff by content anyway) when it is a plain one. */
export function sourceFileName(original: string): string {
  const ext = path.extname(original).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? `source${ext}` : 'source.video';
}
