import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LecternError } from '../../contract/errors';
import { CaptionsError, MAX_CAPTIONS_BYTES, captionsLabel, captionsTooLarge, checkCaptions, type CaptionsCheck } from '../captions/captions-vtt';
import { statPickedFile } from './import-source';

/**
 * Reads and checks an instructor's captions file. The size is checked on the stat first, so a huge file
 * picked by mistake is refused without being read; every refusal names the file and the problem.
 */
export async function readCaptionsFile(file: string): Promise<CaptionsCheck & { sizeBytes: number }> {
  const label = captionsLabel(file);
  const stat = await statPickedFile(file, 'captions');
  if (stat.size > MAX_CAPTIONS_BYTES) throw refused(captionsTooLarge(label, stat.size));
  try {
    const checked = checkCaptions(await fs.promises.readFile(file), label);
    return { ...checked, sizeBytes: Buffer.byteLength(checked.text, 'utf8') };
  } catch (err) {
    if (err instanceof CaptionsError) throw refused(err);
    throw err;
  }
}

const refused = (err: CaptionsError) => new LecternError('invalid-input', err.message, undefined, { text: err.text });

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
