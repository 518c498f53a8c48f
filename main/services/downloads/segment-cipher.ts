import { createDecipheriv, createHash, type Decipher } from 'node:crypto';
import fs from 'node:fs';

/**
 * HLS AES-128: AES-128-CBC with PKCS#7 padding over the whole segment (RFC 8216 §5.2), which is exactly
 * Node's 'aes-128-cbc' (encryption happens in AsyncCbcEncryptor). Storing segments this way means the
 * player decrypts them itself (hls.js does, given `#EXT-X-KEY`), so nothing decrypted is ever written to
 * disk or served.
 */
export const KEY_BYTES = 16;

export function decryptor(key: Buffer, iv: Buffer): Decipher {
  return createDecipheriv('aes-128-cbc', key, iv);
}

/** PKCS#7 always adds 1–16 bytes. */
export function encryptedSize(plainSize: number): number {
  return (Math.floor(plainSize / 16) + 1) * 16;
}

/**
 * Reads a stored file (decrypting it when `iv` is given) and reports its plaintext size and sha256, or
 * null when it is missing, truncated or otherwise undecryptable.
 */
export async function digestStoredFile(file: string, key: Buffer, iv: Buffer | null): Promise<{ size: number; sha256: string } | null> {
  const hash = createHash('sha256');
  let size = 0;
  const take = (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.byteLength;
  };
  const decipher = iv ? decryptor(key, iv) : null;
  try {
    for await (const chunk of fs.createReadStream(file)) {
      const buf = chunk as Buffer;
      take(decipher ? decipher.update(buf) : buf);
    }
    if (decipher) take(decipher.final());
  } catch {
    return null;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Reads a small stored file whole and decrypts it (when `iv` is given); null when it is missing, larger
 * than `maxStoredBytes` on disk, or undecryptable. For captions, which are served as text, not streamed.
 */
export async function decryptStoredFile(file: string, key: Buffer, iv: Buffer | null, maxStoredBytes: number): Promise<Buffer | null> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > maxStoredBytes) return null;
    const stored = await fs.promises.readFile(file);
    if (!iv) return stored;
    const decipher = decryptor(key, iv);
    return Buffer.concat([decipher.update(stored), decipher.final()]);
  } catch {
    return null;
  }
}
