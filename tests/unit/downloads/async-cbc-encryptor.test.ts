import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AsyncCbcEncryptor } from '../../../main/services/downloads/async-cbc-encryptor';

/** The stored bytes must be exactly HLS AES-128 (Node's aes-128-cbc), however the input is chunked. */
describe('AsyncCbcEncryptor', () => {
  const key = randomBytes(16);
  const iv = randomBytes(16);
  const reference = (data: Buffer) => {
    const c = createCipheriv('aes-128-cbc', key, iv);
    return Buffer.concat([c.update(data), c.final()]);
  };

  it.each([
    ['empty', 0, []],
    ['one byte', 1, [1]],
    ['one block', 16, [16]],
    ['block-aligned in odd chunks', 4096, [1, 15, 16, 17, 1000, 3047]],
    ['unaligned in 64 KiB chunks', 300_001, [65_536, 65_536, 65_536, 65_536, 37_857]],
    ['chunks smaller than a block', 50, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2]],
  ])('matches aes-128-cbc for %s', async (_what, size, chunks) => {
    const data = randomBytes(size);
    const enc = await AsyncCbcEncryptor.create(key, iv);
    const parts: Buffer[] = [];
    let offset = 0;
    for (const n of chunks) {
      parts.push(await enc.update(data.subarray(offset, offset + n)));
      offset += n;
    }
    parts.push(await enc.final());
    expect(Buffer.concat(parts).equals(reference(data))).toBe(true);
  });

  it('matches for random chunkings of random sizes', async () => {
    for (let round = 0; round < 20; round++) {
      const data = randomBytes(Math.floor(Math.random() * 200_000));
      const enc = await AsyncCbcEncryptor.create(key, iv);
      const parts: Buffer[] = [];
      for (let offset = 0; offset < data.byteLength; ) {
        const n = 1 + Math.floor(Math.random() * 70_000);
        parts.push(await enc.update(data.subarray(offset, offset + n)));
        offset += n;
      }
      parts.push(await enc.final());
      expect(Buffer.concat(parts).equals(reference(data)), `round ${round}, ${data.byteLength} bytes`).toBe(true);
    }
  });

  it('refuses a key or IV of the wrong length', async () => {
    await expect(AsyncCbcEncryptor.create(randomBytes(32), iv)).rejects.toThrow(/16-byte key/);
    await expect(AsyncCbcEncryptor.create(key, randomBytes(8))).rejects.toThrow(/16-byte IV/);
  });
});
