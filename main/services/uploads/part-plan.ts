export const MIB = 1024 * 1024;
/** S3 allows 10,000 parts; one is kept in reserve. */
export const MAX_PARTS = 9_999;
/** Smaller parts multiply per-request overhead; S3's own minimum is 5 MiB. */
export const MIN_PART_SIZE = 8 * MIB;
export const MAX_PART_SIZE = 5 * 1024 * MIB;
export const MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MIB;

/**
 * The part size for a file, fixed when its upload is created and stored with it (a resumed upload keeps
 * it even if the preference changed): the preferred size, raised to whole MiB until the file fits in
 * fewer than 10,000 parts.
 */
export function choosePartSize(fileSize: number, preferred = 16 * MIB): number {
  if (fileSize > MAX_OBJECT_SIZE) throw new Error(`A file of ${fileSize} bytes is larger than S3's 5 TiB object limit.`);
  const needed = Math.ceil(fileSize / MAX_PARTS / MIB) * MIB;
  return Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, preferred, needed));
}

export function partCount(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize));
}

/** Byte range of a 1-based part. */
export function partRange(fileSize: number, partSize: number, partNumber: number): { offset: number; length: number } {
  const offset = (partNumber - 1) * partSize;
  return { offset, length: Math.min(partSize, fileSize - offset) };
}
