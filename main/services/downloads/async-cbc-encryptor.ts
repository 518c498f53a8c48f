import { webcrypto } from 'node:crypto';

const BLOCK = 16;

/**
 * Streaming AES-128-CBC with PKCS#7 padding — byte for byte what `createCipheriv('aes-128-cbc')`
 * produces — computed by WebCrypto, which runs on libuv's thread pool instead of the event loop.
 * With six segments in flight, encrypting on the main thread stalled every socket read behind it
 * (it was the whole gap to a bare download in bench:download).
 *
 * WebCrypto's AES-CBC is one-shot and always pads, so each chunk is encrypted on its own: a whole
 * number of blocks, with the previous chunk's last ciphertext block as IV (that is all CBC chaining
 * is), and the padding block WebCrypto appends is dropped. Only `final` keeps its padding.
 */
export class AsyncCbcEncryptor {
  private carry: Buffer = Buffer.alloc(0);

  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private iv: Buffer,
  ) {}

  static async create(rawKey: Buffer, iv: Buffer): Promise<AsyncCbcEncryptor> {
    if (rawKey.byteLength !== BLOCK || iv.byteLength !== BLOCK) throw new Error('AES-128-CBC needs a 16-byte key and a 16-byte IV.');
    return new AsyncCbcEncryptor(await importKey(rawKey), Buffer.from(iv));
  }

  /** Encrypts what it can of `data` (whole blocks); the rest waits for the next call or `final`. */
  async update(data: Buffer): Promise<Buffer> {
    const all = this.carry.byteLength > 0 ? Buffer.concat([this.carry, data]) : data;
    const whole = all.byteLength - (all.byteLength % BLOCK);
    this.carry = Buffer.from(all.subarray(whole));
    if (whole === 0) return Buffer.alloc(0);
    const out = await this.encrypt(all.subarray(0, whole));
    const cipher = out.subarray(0, whole);
    this.iv = Buffer.from(cipher.subarray(whole - BLOCK));
    return cipher;
  }

  /** The last partial block plus padding (a full padding block when the input was block-aligned). */
  async final(): Promise<Buffer> {
    const out = await this.encrypt(this.carry);
    this.carry = Buffer.alloc(0);
    return out;
  }

  private async encrypt(data: Buffer): Promise<Buffer> {
    return Buffer.from(await webcrypto.subtle.encrypt({ name: 'AES-CBC', iv: this.iv }, this.key, data));
  }
}

const keys = new WeakMap<Buffer, Promise<webcrypto.CryptoKey>>();

/** Imported once per raw key buffer: a download's files share one key. */
function importKey(rawKey: Buffer): Promise<webcrypto.CryptoKey> {
  let key = keys.get(rawKey);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', rawKey, { name: 'AES-CBC' }, false, ['encrypt']);
    keys.set(rawKey, key);
  }
  return key;
}
