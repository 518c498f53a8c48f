import fs from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import { LecternError } from '../../contract/errors';
import { parseCourseManifest, type CatalogEntry, type CourseManifest, type ManifestFile, type ManifestLecture } from '../downloads/manifest';
import type { Logger } from '../log/logger';
import { planGarbage, type HubObject } from './gc-plan';
import { runPool } from './pool';
import { lectureFiles, planLecture, type PlannedFile, type PlannedLecture, type PublishCourse } from './publish-plan';
import { UploadEngine, type UploadEngineOptions, type UploadEvent, type UploadSource, type UploadTarget } from './upload-engine';

export type { PublishCourse, PublishLecture, PublishSection } from './publish-plan';

export interface PublisherOptions {
  db: Database;
  target: UploadTarget;
  /** The hub's key prefix ('' or ending in '/'); every key below is relative to it. */
  keyPrefix: string;
  /** Scratch folder for the JSON documents before they are uploaded. */
  workDir: string;
  log?: Logger;
  onEvent?: (e: UploadEvent) => void;
  engine?: Partial<Omit<UploadEngineOptions, 'db' | 'target' | 'log' | 'onEvent'>>;
}

export interface PublishResult {
  version: number;
  manifestPath: string;
  publishedAt: string;
  /** Media files sent (the three JSON documents are not counted). */
  uploaded: number;
  /** Media files already on the hub under the same immutable key. */
  skipped: number;
  bytesUploaded: number;
}

export interface GcResult {
  keptVersions: number[];
  deleted: number;
  bytesFreed: number;
  /** Unreferenced objects younger than the grace period, left in place. */
  spared: number;
}

/** What a publish will send, known once every file is hashed and the hub listed; before any upload. */
export interface PublishPlanSummary {
  version: number;
  filesTotal: number;
  filesSkipped: number;
  /** Bytes still to send (skipped files not included). */
  bytesTotal: number;
}

export interface LatestPointer {
  courseId: string;
  version: number;
  manifest: string;
  publishedAt: string;
}

export interface PublishHooks {
  /** Called once the files are hashed and the hub listed, before the first upload; may throw to stop. */
  onPlan?(plan: PublishPlanSummary): void;
  /** The media is on the hub; course.json, latest.json and catalog.json follow. */
  onDocuments?(): void;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const MUTABLE = 'no-cache';

/**
 * Publishes a course to a hub so that readers only ever see a whole version: media first (under
 * immutable content-addressed keys, skipping what is already there), then the version's course.json,
 * then `latest.json` — the one pointer that makes the version current — and last the catalog entry.
 * A publish interrupted at any step leaves `latest.json` on the previous version, whose files are all
 * still in place because no key is ever overwritten with different content.
 */
export class Publisher {
  readonly engine: UploadEngine;

  constructor(private readonly opts: PublisherOptions) {
    this.engine = new UploadEngine({ ...opts.engine, db: opts.db, target: opts.target, ...(opts.log ? { log: opts.log } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
  }

  async publish(course: PublishCourse, hooks: PublishHooks = {}): Promise<PublishResult> {
    const planned: PlannedLecture[] = [];
    for (const l of course.lectures) planned.push(await planLecture(course.courseId, l));
    const latest = await this.readLatest(course.courseId);
    const version = (latest?.version ?? 0) + 1;
    const publishedAt = new Date().toISOString();
    const manifestPath = `courses/${course.courseId}/versions/${version}/course.json`;
    const manifest = buildManifest(course, planned, version, publishedAt);
    // What we publish must be what the download manager accepts.
    parseCourseManifest(JSON.stringify(manifest), `The course.json for "${course.title}"`);

    const existing = await this.listSizes(`courses/${course.courseId}/lectures/`);
    const media = planned.flatMap(lectureFiles);
    const toSend = media.filter((f) => existing.get(this.key(f.hubPath)) !== f.size);
    const bytesToSend = toSend.reduce((sum, f) => sum + f.size, 0);
    hooks.onPlan?.({ version, filesTotal: media.length, filesSkipped: media.length - toSend.length, bytesTotal: bytesToSend });
    await this.engine.uploadFiles(toSend.map((f) => ({ path: f.localPath, key: this.key(f.hubPath), cacheControl: IMMUTABLE })));

    hooks.onDocuments?.();
    await this.putJson(manifestPath, manifest, IMMUTABLE);
    const pointer: LatestPointer = { courseId: course.courseId, version, manifest: manifestPath, publishedAt };
    await this.putJson(`courses/${course.courseId}/latest.json`, pointer, MUTABLE);
    await this.updateCatalog(manifest, pointer);
    const result = { version, manifestPath, publishedAt, uploaded: toSend.length, skipped: media.length - toSend.length, bytesUploaded: bytesToSend };
    this.opts.log?.log('info', 'published', { courseId: course.courseId, version, uploaded: result.uploaded, skipped: result.skipped, bytes: bytesToSend });
    return result;
  }

  /**
   * Removes the course from catalog.json so students no longer discover it. Its versions stay readable
   * by whoever already has the course (and `collectGarbage` can remove them later).
   */
  async unpublish(courseId: string): Promise<boolean> {
    const current = ((await this.getJson('catalog.json')) as { courses?: { id: string }[] } | null)?.courses ?? [];
    const courses = current.filter((c) => c.id !== courseId);
    if (courses.length === current.length) return false;
    await this.putJson('catalog.json', { courses }, MUTABLE);
    this.opts.log?.log('info', 'unpublished', { courseId });
    return true;
  }

  /** Deletes the course's versions and media no kept version refers to (see planGarbage). */
  async collectGarbage(courseId: string, opts: { keepVersions?: number; graceMs?: number; now?: number } = {}): Promise<GcResult> {
    const latest = await this.readLatest(courseId);
    if (!latest) throw new LecternError('not-found', `Course ${courseId} has never been published to this hub; there is nothing to clean up.`);
    const keep = Math.max(1, opts.keepVersions ?? 2);
    const kept: CourseManifest[] = [];
    for (let v = latest.version; v > latest.version - keep && v >= 1; v--) {
      const text = await this.getJson(`courses/${courseId}/versions/${v}/course.json`);
      if (text !== null) kept.push(parseCourseManifest(JSON.stringify(text), `Version ${v} of course ${courseId}`));
    }
    const objects = await this.listObjects(`courses/${courseId}/`);
    const plan = planGarbage(objects, courseId, latest.version, kept, { now: opts.now ?? Date.now(), graceMs: opts.graceMs ?? 24 * 3600_000 });
    const { client, bucket } = this.opts.target;
    await runPool(plan.remove, 8, async (o) => {
      const key = this.key(o.path);
      await this.engine.send(`Deleting ${key}`, (signal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }), key);
    });
    const result = { keptVersions: plan.keptVersions, deleted: plan.remove.length, bytesFreed: plan.remove.reduce((n, o) => n + o.size, 0), spared: plan.spared };
    this.opts.log?.log('info', 'collected garbage', { courseId, ...result });
    return result;
  }

  async readLatest(courseId: string): Promise<LatestPointer | null> {
    const v = await this.getJson(`courses/${courseId}/latest.json`);
    if (v === null) return null;
    const p = v as Partial<LatestPointer>;
    if (typeof p.version !== 'number' || typeof p.manifest !== 'string') throw new LecternError('internal', `courses/${courseId}/latest.json on the hub is not a Lectern pointer; fix or remove it before publishing.`);
    return p as LatestPointer;
  }

  private key(hubPath: string): string {
    return `${this.opts.keyPrefix}${hubPath}`;
  }

  /** Catalog of every course on the hub; read-modify-write, so two machines publishing at once may need a re-publish. */
  private async updateCatalog(manifest: CourseManifest, pointer: LatestPointer): Promise<void> {
    const current = ((await this.getJson('catalog.json')) as { courses?: { id: string }[] } | null)?.courses ?? [];
    const durationSec = manifest.lectures.reduce((sum, l) => sum + (l.durationSec ?? 0), 0);
    const entry: CatalogEntry = {
      id: manifest.courseId,
      title: manifest.title,
      ...(manifest.subtitle ? { subtitle: manifest.subtitle } : {}),
      version: pointer.version,
      latest: `courses/${manifest.courseId}/latest.json`,
      lectureCount: manifest.lectures.length,
      durationSec: Math.round(durationSec * 10) / 10,
      publishedAt: pointer.publishedAt,
    };
    const courses = [...current.filter((c) => c.id !== manifest.courseId), entry].sort((a, b) => a.id.localeCompare(b.id));
    await this.putJson('catalog.json', { courses }, MUTABLE);
  }

  private async putJson(hubPath: string, value: unknown, cacheControl: string): Promise<void> {
    fs.mkdirSync(this.opts.workDir, { recursive: true });
    const file = path.join(this.opts.workDir, hubPath.replaceAll('/', '__'));
    fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    try {
      const src: UploadSource = { path: file, key: this.key(hubPath), contentType: 'application/json', cacheControl };
      await this.engine.uploadFiles([src]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  /** The parsed document, or null when the key does not exist. */
  private async getJson(hubPath: string): Promise<unknown> {
    const { client, bucket } = this.opts.target;
    let text: string;
    try {
      const key = this.key(hubPath);
      text = await this.engine.send(
        `Reading ${key}`,
        async (signal) => {
          const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
          return (await res.Body?.transformToString()) ?? '';
        },
        key,
      );
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
    try {
      return JSON.parse(text);
    } catch {
      // Never treat a damaged pointer as "no pointer": that would restart the course at version 1.
      throw new LecternError('internal', `${this.key(hubPath)} on the hub is not valid JSON; fix or remove it before publishing.`);
    }
  }

  /** Every object under `under`, with keys relative to the hub base. */
  private async listObjects(under: string): Promise<HubObject[]> {
    const { client, bucket } = this.opts.target;
    const objects: HubObject[] = [];
    let token: string | undefined;
    do {
      const prefix = this.key(under);
      const page = await this.engine.send(
        `Listing ${prefix}`,
        (signal) => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal }),
        `the listing of ${prefix}`,
      );
      for (const o of page.Contents ?? []) {
        if (o.Key) objects.push({ path: o.Key.slice(this.opts.keyPrefix.length), size: o.Size ?? 0, lastModified: o.LastModified?.getTime() ?? 0 });
      }
      token = page.NextContinuationToken;
    } while (token);
    return objects;
  }

  private async listSizes(under: string): Promise<Map<string, number>> {
    return new Map((await this.listObjects(under)).map((o) => [this.key(o.path), o.size]));
  }

}

function manifestFile(f: PlannedFile): ManifestFile {
  return { path: f.hubPath, size: f.size, sha256: f.sha256 };
}

function buildManifest(course: PublishCourse, planned: readonly PlannedLecture[], version: number, publishedAt: string): CourseManifest {
  const lectures: ManifestLecture[] = planned.map((p) => {
    const l = p.lecture;
    return {
      id: l.id,
      title: l.title,
      ...(l.summary ? { summary: l.summary } : {}),
      ...(l.durationSec !== undefined ? { durationSec: l.durationSec } : {}),
      ...(l.freePreview !== undefined ? { freePreview: l.freePreview } : {}),
      ...(p.poster ? { poster: manifestFile(p.poster) } : {}),
      ...(p.storyboard ? { storyboard: { vtt: manifestFile(p.storyboard.vtt), sprite: manifestFile(p.storyboard.sprite) } } : {}),
      ...(p.previewClip ? { previewClip: manifestFile(p.previewClip) } : {}),
      ...(p.captions
        ? { captions: { vtt: manifestFile(p.captions.vtt), ...(p.captions.language ? { language: p.captions.language } : {}), ...(p.captions.label ? { label: p.captions.label } : {}) } }
        : {}),
      media: { master: p.master, files: p.files.map(manifestFile), ...(p.renditions.length ? { renditions: p.renditions } : {}) },
    };
  });
  return {
    schemaVersion: 1,
    courseId: course.courseId,
    version,
    title: course.title,
    ...(course.subtitle ? { subtitle: course.subtitle } : {}),
    ...(course.description ? { description: course.description } : {}),
    ...(course.language ? { language: course.language } : {}),
    ...(course.tags?.length ? { tags: course.tags } : {}),
    publishedAt,
    ...(course.sections ? { sections: course.sections } : {}),
    lectures,
  };
}
