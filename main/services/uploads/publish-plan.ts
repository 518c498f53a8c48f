import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PublishLecture {
  id: string;
  title: string;
  durationSec?: number;
  /** Local folder of the lecture's HLS package, with `master.m3u8` at its root. */
  packageDir: string;
}

export interface PublishCourse {
  courseId: string;
  title: string;
  description?: string;
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
  files: PlannedFile[];
}

/**
 * Where a lecture's package goes: `courses/<course>/lectures/<lecture>/<package hash>/…`. The hash covers
 * every file's relative path and sha256, so the keys are immutable — a changed encode gets new keys, an
 * unchanged lecture keeps its keys across versions and is not uploaded again, and an older course.json
 * keeps pointing at files that still exist.
 */
export async function planLecture(courseId: string, lecture: PublishLecture): Promise<PlannedLecture> {
  const rel = listFiles(lecture.packageDir);
  if (!rel.includes('master.m3u8')) throw new Error(`Lecture "${lecture.title}": ${lecture.packageDir} has no master.m3u8; transcode it before publishing.`);
  const hashed = await Promise.all(rel.map(async (r) => ({ rel: r, ...(await hashFile(path.join(lecture.packageDir, r))) })));
  const packageHash = createHash('sha256');
  for (const f of hashed) packageHash.update(`${f.rel}\0${f.sha256}\0${f.size}\n`);
  const dir = `courses/${courseId}/lectures/${lecture.id}/${packageHash.digest('hex').slice(0, 20)}`;
  return {
    lecture,
    master: `${dir}/master.m3u8`,
    files: hashed.map((f) => ({ localPath: path.join(lecture.packageDir, f.rel), hubPath: `${dir}/${f.rel}`, size: f.size, sha256: f.sha256 })),
  };
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
