import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import { parseCourseManifest, type CatalogEntry, type CourseManifest, type ManifestFile, type ManifestLecture } from '../downloads/manifest';
import { formatTime, LeaseManager, newLeaseIdentity, type HeldLease, type LeaseIdentity, type LeaseRecord, type LeaseTiming } from '../leases/lease';
import type { Logger } from '../log/logger';
import { catalogLists, updateCatalog, type CatalogChange } from './catalog-update';
import { openHubDocuments, type HubDocuments } from './hub-documents';
import { planGarbage, type HubObject } from './gc-plan';
import { runPool } from './pool';
import { lectureFiles, planCover, planLecture, type PlannedFile, type PlannedLecture, type PublishCourse } from './publish-plan';
import { UploadEngine, type UploadEngineOptions, type UploadEvent, type UploadSource, type UploadTarget } from './upload-engine';
import { userError } from '../text/user-error';

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
  /** Lease timing (tests shorten the TTL); see LeaseTiming. `catalogWaitMs` bounds the wait for the catalog lease. */
  lease?: Partial<LeaseTiming> & { catalogWaitMs?: number };
  /** Who holds leases taken by this publisher (default: this process on os.hostname()). */
  identity?: LeaseIdentity;
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
  /** Another machine is publishing this course; this publish waits (bounded) for it to finish. */
  onWaiting?(holder: LeaseRecord): void;
  /** This publish holds the course's lease; nothing was written before this. */
  onLeased?(): void;
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
  private readonly identity: LeaseIdentity;
  private docs: Promise<HubDocuments> | null = null;

  constructor(private readonly opts: PublisherOptions) {
    this.engine = new UploadEngine({ ...opts.engine, db: opts.db, target: opts.target, ...(opts.log ? { log: opts.log } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
    this.identity = opts.identity ?? newLeaseIdentity(os.hostname());
  }

  /**
   * Publishes under the course's lease, so a second machine publishing the same course waits (bounded)
   * and then fails without having written anything; see `publishLeased` for the order of writes.
   */
  async publish(course: PublishCourse, hooks: PublishHooks = {}): Promise<PublishResult> {
    const lease = await this.courseLease(course.courseId, course.title, hooks.onWaiting);
    try {
      hooks.onLeased?.();
      return await this.publishLeased(course, hooks, lease);
    } finally {
      await lease.release();
    }
  }

  private async publishLeased(course: PublishCourse, hooks: PublishHooks, lease: HeldLease): Promise<PublishResult> {
    const planned: PlannedLecture[] = [];
    for (const l of course.lectures) planned.push(await planLecture(course.courseId, l));
    const latest = await this.readLatest(course.courseId);
    const version = (latest?.version ?? 0) + 1;
    const publishedAt = new Date().toISOString();
    const manifestPath = `courses/${course.courseId}/versions/${version}/course.json`;
    const cover = await planCover(course.courseId, course.cover);
    const manifest = buildManifest(course, planned, cover, version, publishedAt);
    // What we publish must be what the download manager accepts.
    parseCourseManifest(JSON.stringify(manifest), `The course.json for "${course.title}"`);

    const existing = await this.listSizes(`courses/${course.courseId}/lectures/`);
    if (cover) for (const [key, size] of await this.listSizes(`courses/${course.courseId}/cover/`)) existing.set(key, size);
    const media = [...(cover ? [cover] : []), ...planned.flatMap(lectureFiles)];
    const toSend = media.filter((f) => existing.get(this.key(f.hubPath)) !== f.size);
    const bytesToSend = toSend.reduce((sum, f) => sum + f.size, 0);
    hooks.onPlan?.({ version, filesTotal: media.length, filesSkipped: media.length - toSend.length, bytesTotal: bytesToSend });
    await this.engine.uploadFiles(toSend.map((f) => ({ path: f.localPath, key: this.key(f.hubPath), cacheControl: IMMUTABLE })));

    hooks.onDocuments?.();
    await lease.assertHeld();
    await this.putJson(manifestPath, manifest, IMMUTABLE);
    const pointer: LatestPointer = { courseId: course.courseId, version, manifest: manifestPath, publishedAt };
    // The one write that changes what students see: only while the lease is provably ours.
    await lease.assertHeld();
    await this.putJson(`courses/${course.courseId}/latest.json`, pointer, MUTABLE);
    await this.changeCatalog({ put: catalogEntry(manifest, pointer) });
    const result = { version, manifestPath, publishedAt, uploaded: toSend.length, skipped: media.length - toSend.length, bytesUploaded: bytesToSend };
    this.opts.log?.log('info', 'published', { courseId: course.courseId, version, uploaded: result.uploaded, skipped: result.skipped, bytes: bytesToSend });
    return result;
  }

  /**
   * Removes the course from catalog.json so students no longer discover it. Its versions stay readable
   * by whoever already has the course (and `collectGarbage` can remove them later).
   */
  async unpublish(courseId: string): Promise<boolean> {
    if (!(await catalogLists(await this.documents(), courseId))) return false;
    // Under the course's lease, so a publish in progress elsewhere cannot put the entry straight back.
    await this.withCourseLease(courseId, () => this.changeCatalog({ remove: courseId }));
    this.opts.log?.log('info', 'unpublished', { courseId });
    return true;
  }

  /** Deletes the course's versions and media no kept version refers to (see planGarbage). */
  async collectGarbage(courseId: string, opts: { keepVersions?: number; graceMs?: number; now?: number } = {}): Promise<GcResult> {
    return this.withCourseLease(courseId, () => this.collectLeased(courseId, opts));
  }

  private async collectLeased(courseId: string, opts: { keepVersions?: number; graceMs?: number; now?: number }): Promise<GcResult> {
    const latest = await this.readLatest(courseId);
    if (!latest) throw userError('not-found', 'svc.uploads.neverPublished', { courseId });
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
    if (typeof p.version !== 'number' || typeof p.manifest !== 'string') throw userError('internal', 'svc.uploads.badPointer', { courseId });
    return p as LatestPointer;
  }

  private key(hubPath: string): string {
    return `${this.opts.keyPrefix}${hubPath}`;
  }

  /** The course's lease; fails with who is publishing it when they outlast the wait. */
  private async courseLease(courseId: string, title: string, onWaiting?: (holder: LeaseRecord) => void): Promise<HeldLease> {
    return (await this.leases()).acquire({
      resource: `course-${courseId}`,
      label: title,
      busyMessage: (h) => ({ key: 'svc.uploads.beingPublished', values: { title, host: h.host, since: formatTime(h.acquiredAt) } }),
      ...(onWaiting ? { onWaiting } : {}),
    });
  }

  private async withCourseLease<T>(courseId: string, op: () => Promise<T>): Promise<T> {
    const lease = await this.courseLease(courseId, courseId);
    try {
      return await op();
    } finally {
      await lease.release();
    }
  }

  private async changeCatalog(change: CatalogChange): Promise<void> {
    const docs = await this.documents();
    const waitMs = this.opts.lease?.catalogWaitMs;
    const written = await updateCatalog(docs, await this.leases(), change, waitMs !== undefined ? { leaseWaitMs: waitMs } : {});
    this.opts.log?.log('info', 'catalog updated', { course: 'put' in change ? change.put.id : change.remove, docs: written.docs, bytes: written.bytes });
  }

  private documents(): Promise<HubDocuments> {
    this.docs ??= openHubDocuments(this.opts.target, this.opts.keyPrefix, this.opts.log, this.opts.engine?.stall);
    return this.docs.catch((err: unknown) => {
      this.docs = null;
      throw err;
    });
  }

  private async leases(): Promise<LeaseManager> {
    return new LeaseManager(await this.documents(), this.identity, this.opts.lease ?? {});
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
      throw userError('internal', 'svc.uploads.notJson', { where: this.key(hubPath) });
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

function catalogEntry(manifest: CourseManifest, pointer: LatestPointer): CatalogEntry {
  const durationSec = manifest.lectures.reduce((sum, l) => sum + (l.durationSec ?? 0), 0);
  return {
    id: manifest.courseId,
    title: manifest.title,
    ...(manifest.subtitle ? { subtitle: manifest.subtitle } : {}),
    ...(manifest.tags && manifest.tags.length > 0 ? { tags: manifest.tags } : {}),
    version: pointer.version,
    latest: `courses/${manifest.courseId}/latest.json`,
    lectureCount: manifest.lectures.length,
    durationSec: Math.round(durationSec * 10) / 10,
    publishedAt: pointer.publishedAt,
    ...(manifest.cover ? { cover: manifest.cover } : {}),
  };
}

function manifestFile(f: PlannedFile): ManifestFile {
  return { path: f.hubPath, size: f.size, sha256: f.sha256 };
}

function buildManifest(course: PublishCourse, planned: readonly PlannedLecture[], cover: PlannedFile | null, version: number, publishedAt: string): CourseManifest {
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
    ...(cover ? { cover: manifestFile(cover) } : {}),
    ...(course.sections ? { sections: course.sections } : {}),
    lectures,
  };
}
