import type { CourseManifest } from '../downloads/manifest';

export interface HubObject {
  /** Key relative to the hub base. */
  path: string;
  size: number;
  lastModified: number;
}

export interface GcPlan {
  /** Versions whose course.json and files are kept. */
  keptVersions: number[];
  remove: HubObject[];
  /** Unreferenced, but younger than the grace period: possibly a publish in progress elsewhere. */
  spared: number;
}

/**
 * Which of a course's objects on the hub no kept version refers to. Kept: the newest `keepVersions`
 * versions up to the current one (a student who read the previous latest.json just before a publish
 * is still downloading it), `latest.json`, and anything younger than `graceMs`, because another machine's
 * publish uploads its media before its course.json exists.
 */
export function planGarbage(objects: readonly HubObject[], courseId: string, current: number, kept: readonly CourseManifest[], opts: { now: number; graceMs: number }): GcPlan {
  const base = `courses/${courseId}/`;
  const referenced = new Set<string>([`${base}latest.json`]);
  for (const m of kept) {
    referenced.add(`${base}versions/${m.version}/course.json`);
    if (m.cover) referenced.add(m.cover.path);
    for (const l of m.lectures) {
      for (const f of [...(l.media?.files ?? []), l.poster, l.storyboard?.vtt, l.storyboard?.sprite, l.previewClip, l.captions?.vtt]) if (f) referenced.add(f.path);
    }
  }
  const remove: HubObject[] = [];
  let spared = 0;
  for (const o of objects) {
    if (!o.path.startsWith(base) || referenced.has(o.path)) continue;
    // A version newer than the current one is a publish that has not moved the pointer yet.
    const version = /^versions\/(\d+)\//.exec(o.path.slice(base.length))?.[1];
    if (version !== undefined && Number(version) > current) continue;
    if (opts.now - o.lastModified < opts.graceMs) spared++;
    else remove.push(o);
  }
  return { keptVersions: kept.map((m) => m.version), remove, spared };
}
