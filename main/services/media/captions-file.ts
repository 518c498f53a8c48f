import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LecternError } from '../../contract/errors';
import { CaptionsError, MAX_CAPTIONS_BYTES, captionsLabel, checkCaptions, type CaptionsCheck } from '../captions/captions-vtt';

/**
 * Reads and checks an instructor's captions file. The size is checked on the stat first, so a huge file
 * picked by mistake is refused without being read; every refusal names the file and the problem.
 */
export async function readCaptionsFile(file: string): Promise<CaptionsCheck & { sizeBytes: number }> {
  const label = captionsLabel(file);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new LecternError('not-found', `${label} does not exist (${file}).`);
    if (code === 'EACCES' || code === 'EPERM') throw new LecternError('invalid-input', `${label} cannot be read: permission denied (${file}).`);
    throw err;
  }
  if (!stat.isFile()) throw new LecternError('invalid-input', `${label} is not a file (${file}). Choose a WebVTT (.vtt) captions file.`);
  if (stat.size > MAX_CAPTIONS_BYTES) {
    throw new LecternError('invalid-input', `${label} is ${stat.size.toLocaleString('en')} bytes; captions files may be at most ${MAX_CAPTIONS_BYTES.toLocaleString('en')} bytes (2 MiB).`);
  }
  try {
    const checked = checkCaptions(await fs.promises.readFile(file), label);
    return { ...checked, sizeBytes: Buffer.byteLength(checked.text, 'utf8') };
  } catch (err) {
    if (err instanceof CaptionsError) throw new LecternError('invalid-input', err.message);
    throw err;
  }
}

/** Writes `text` to `dest` through a temporary file in the same folder, so `dest` is never half written. */
export async function writeFileAtomically(dest: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(dest), `.captions-${randomUUID()}.tmp`);
  try {
    await fs.promises.writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await fs.promises.rename(temp, dest);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}
