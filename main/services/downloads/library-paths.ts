import path from 'node:path';

/** Download ids are chosen by the app (random hex); anything else in a URL or a row is refused. */
export const DOWNLOAD_ID = /^[a-f0-9]{32}$/;

/** True when `candidate` resolves to `folder` itself or something below it. */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const root = path.resolve(folder);
  const resolved = path.resolve(candidate);
  return resolved === root || resolved.startsWith(root + path.sep);
}

/**
 * Where a download keeps its files: `<library>/<downloadId>/<n>.seg`. Names are built from the app's own
 * id and index only — never from a URI in a playlist or a manifest — and checked to stay inside the library.
 */
export class LibraryPaths {
  readonly root: string;

  constructor(libraryDir: string) {
    this.root = path.resolve(libraryDir);
  }

  folder(downloadId: string): string {
    if (!DOWNLOAD_ID.test(downloadId)) throw new Error(`"${downloadId}" is not a download id Lectern creates.`);
    return this.checked(path.join(this.root, downloadId));
  }

  file(downloadId: string, index: number): string {
    if (!Number.isSafeInteger(index) || index < 0) throw new Error(`File index ${index} of download ${downloadId} is not valid.`);
    return this.checked(path.join(this.folder(downloadId), `${index}.seg`));
  }

  /** Where a file is written before it is verified and renamed into place. */
  partial(downloadId: string, index: number): string {
    return `${this.file(downloadId, index)}.part`;
  }

  private checked(p: string): string {
    if (!isInsideFolder(this.root, p) || p === this.root) throw new Error(`Refusing a path outside the download library: ${p}`);
    return p;
  }
}
