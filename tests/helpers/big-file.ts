import { createHash } from 'node:crypto';
import fs from 'node:fs';

const BLOCK = 1024 * 1024;

/**
 * Writes `bytes` of deterministic, incompressible-looking data fast: each MiB is a counter-mode block of
 * sha256 output seeded by `seed`, so two files with different seeds differ in every MiB.
 */
export function writeBigFile(file: string, bytes: number, seed = 'lectern'): void {
  const fd = fs.openSync(file, 'w');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    for (let off = 0, n = 0; off < bytes; off += BLOCK, n++) {
      const base = createHash('sha256').update(`${seed}:${n}`).digest();
      for (let i = 0; i < BLOCK; i += 32) {
        base.writeUInt32LE(i, 0);
        base.copy(block, i);
      }
      fs.writeSync(fd, block, 0, Math.min(BLOCK, bytes - off));
    }
  } finally {
    fs.closeSync(fd);
  }
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
