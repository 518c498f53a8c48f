import fs from 'node:fs';
import path from 'node:path';
import { COURSE_ID, MANIFEST_PATH } from './hls-fixture';

/**
 * Turns a hub folder made by hls-fixture (one course manifest at version 1) into a browsable hub:
 * `catalog.json` and `courses/<id>/latest.json`, as the Publisher writes them (docs/HUB-FORMAT.md).
 * `publishVersion(n)` copies the manifest to version n and points latest.json and the catalog at it.
 */
export function writeCatalog(hubRoot: string, extra: { subtitle?: string; tags?: string[] } = {}): void {
  publishVersion(hubRoot, 1, extra);
}

export function publishVersion(hubRoot: string, version: number, extra: { subtitle?: string; tags?: string[] } = {}): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(hubRoot, MANIFEST_PATH), 'utf8')) as Record<string, unknown>;
  const manifestPath = `courses/${COURSE_ID}/versions/${version}/course.json`;
  const next = { ...manifest, ...extra, version };
  write(hubRoot, manifestPath, next);
  write(hubRoot, `courses/${COURSE_ID}/latest.json`, { courseId: COURSE_ID, version, manifest: manifestPath, publishedAt: new Date().toISOString() });
  write(hubRoot, 'catalog.json', {
    courses: [{ id: COURSE_ID, title: manifest.title, ...(extra.subtitle ? { subtitle: extra.subtitle } : {}), version, latest: `courses/${COURSE_ID}/latest.json` }],
  });
}

function write(hubRoot: string, key: string, value: unknown): void {
  const file = path.join(hubRoot, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}
