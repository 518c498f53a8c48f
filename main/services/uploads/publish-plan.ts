import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PublishRendition {
  name: string;
  height: number;
  bandwidth: number;
}

export interface PublishLecture {
  id: string;
  title: string;
  summary?: string;
  durationSec?: number;
  freePreview?: boolean;
  /** Local folder of the lecture's HLS package, with `master.m3u8` at its root. */
  packageDir: string;
  /** Renditions of the ladder; their byte counts are measured from the package folder. */
  renditions?: readonly PublishRendition[];
  poster?: string | null;
  storyboard?: { vtt: string; sprite: string } | null;
  previewClip?: string | null;
  /** The lecture's WebVTT captions track (validated when it was attached). */
  captions?: PublishCaptions | null;
}

export interface PublishCaptions {
  vtt: string;
  language: string | null;
  label: string | null;
}

export interface PublishSection {
  id: string;
  title: string;
  lectureIds: string[];
}

export interface PublishCourse {
  courseId: string;
  title: string;
  subtitle?: string;
  description?: string;
  language?: string;
  tags?: string[];
  /** The course's cover image, a JPEG made by the cover service. */
  cover?: string | null;
  sections?: PublishSection[];
  lectures: PublishLecture[];
}

export interface PlannedFile {
  localPath: string;
  /** Key relative to the hub base (what the manifest lists); the S3 key is the hub prefix plus this. */
  hubPath: string;
  size: number;
  sha256: string;
}

export interface PlannedLecture {
  lecture: PublishLecture;
  master: string;
  /** The HLS package: playlists and segments. */
  files: PlannedFile[];
  renditions: { name: string; height: number; bandwidth: number; bytes: number }[];
  poster: PlannedFile | null;
  storyboard: { vtt: PlannedFile; sprite: PlannedFile } | null;
  previewClip: PlannedFile | null;
  captions: { vtt: PlannedFile; language: string | null; label: string | null } | null;
}

/**
 * Files of an HLS package that students download. Anything else in the folder (the encoder's own notes,
 * such as ladder.json) stays on the instructor's machine.
 */
const PACKAGE_EXTENSIONS = new Set(['.m3u8', '.ts', '.m4s', '.mp4', '.m4a', '.aac', '.vtt', '.key']);

/**
 * Where a lecture goes on the hub. The HLS package: `courses/<course>/lectures/<lecture>/<package hash>/…`;
 * the poster, storyboard, preview clip and captions: `courses/<course>/lectures/<lecture>/<kind>/<hash>/<name>`.
 * Each hash covers its files' relative paths and sha256, so the keys are immutable — a changed encode
 * gets new keys, an unchanged lecture keeps its keys across versions and is not uploaded again, and an
 * older course.json keeps pointing at files that still exist.
 */
export async function planLecture(courseId: string, lecture: PublishLecture): Promise<PlannedLecture> {
  const rel = listFiles(lecture.packageDir).filter((r) => PACKAGE_EXTENSIONS.has(path.extname(r).toLowerCase()));
  if (!rel.includes('master.m3u8')) throw new Error(`Lecture "${lecture.title}": ${lecture.packageDir} has no master.m3u8; transcode it before publishing.`);
  const base = `courses/${courseId}/lectures/${lecture.id}`;
  const files = await planFolder(base, lecture.packageDir, rel);
  const renditions = (lecture.renditions ?? []).map((r) => ({
    ...r,
    bytes: files.filter((f) => f.hubPath.includes(`/${r.name}/`)).reduce((sum, f) => sum + f.size, 0),
  }));
  const single = async (kind: string, file: string | null | undefined): Promise<PlannedFile | null> =>
    file ? ((await planFolder(`${base}/${kind}`, path.dirname(file), [path.basename(file)]))[0] ?? null) : null;
  let storyboard: PlannedLecture['storyboard'] = null;
  if (lecture.storyboard) {
    // One folder for both: the VTT cues name the sprite by a relative URL.
    const dir = path.dirname(lecture.storyboard.vtt);
    const [vtt, sprite] = await planFolder(`${base}/storyboard`, dir, [path.basename(lecture.storyboard.vtt), path.relative(dir, lecture.storyboard.sprite)]);
    if (vtt && sprite) storyboard = { vtt, sprite };
  }
  const captionsVtt = await single('captions', lecture.captions?.vtt);
  return {
    lecture,
    master: files.find((f) => f.hubPath.endsWith('/master.m3u8'))?.hubPath ?? `${base}/master.m3u8`,
    files,
    renditions,
    poster: await single('poster', lecture.poster),
    storyboard,
    previewClip: await single('preview', lecture.previewClip),
    // Its own content-addressed folder: new captions do not re-upload the video, and a new language or label (manifest only) uploads nothing.
    captions: captionsVtt && lecture.captions ? { vtt: captionsVtt, language: lecture.captions.language, label: lecture.captions.label } : null,
  };
}

/**
 * The course cover's place on the hub: `courses/<course>/cover/<hash>/cover.jpg`, hashed like a poster,
 * so a new cover gets a new key and an unchanged one is not uploaded again.
 */
export async function planCover(courseId: string, file: string | null | undefined): Promise<PlannedFile | null> {
  if (!file) return null;
  const [planned] = await planFolder(`courses/${courseId}/cover`, path.dirname(file), [path.basename(file)]);
  if (!planned) return null;
  // Stored under a content name locally; published under a fixed one, so the folder hash alone names it.
  const dir = planned.hubPath.slice(0, planned.hubPath.lastIndexOf('/'));
  return { ...planned, hubPath: `${dir}/cover.jpg` };
}

/** Every planned file of a lecture: its package and the extras. */
export function lectureFiles(p: PlannedLecture): PlannedFile[] {
  return [...p.files, ...[p.poster, p.storyboard?.vtt, p.storyboard?.sprite, p.previewClip, p.captions?.vtt].filter((f): f is PlannedFile => f !== null && f !== undefined)];
}

/** Hashes `rel` (paths below `root`) and places them in a content-addressed folder under `base`. */
async function planFolder(base: string, root: string, rel: readonly string[]): Promise<PlannedFile[]> {
  const hashed = await Promise.all(rel.map(async (r) => ({ rel: r, ...(await hashFile(path.join(root, r))) })));
  const folderHash = createHash('sha256');
  for (const f of hashed) folderHash.update(`${f.rel}\0${f.sha256}\0${f.size}\n`);
  const dir = `${base}/${folderHash.digest('hex').slice(0, 20)}`;
  return hashed.map((f) => ({ localPath: path.join(root, f.rel), hubPath: `${dir}/${f.rel}`, size: f.size, sha256: f.sha256 }));
}

function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, sub), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else if (e.isFile() && !e.name.startsWith('.')) out.push(rel);
  }
  return out;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}
