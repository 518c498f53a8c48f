import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Database } from 'better-sqlite3';
import { LecternError } from '../../contract/errors';
import { parseCourseManifest, type CourseManifest } from '../downloads/manifest';
import type { Logger } from '../log/logger';
import { planLecture, type PlannedLecture, type PublishCourse } from './publish-plan';
import { UploadEngine, type UploadEngineOptions, type UploadEvent, type UploadSource, type UploadTarget } from './upload-engine';

export type { PublishCourse, PublishLecture } from './publish-plan';

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
  uploaded: number;
  /** Media files already on the hub under the same immutable key. */
  skipped: number;
}

export interface LatestPointer {
  courseId: string;
  version: number;
  manifest: string;
  publishedAt: string;
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

  async publish(course: PublishCourse): Promise<PublishResult> {
    const planned: PlannedLecture[] = [];
    for (const l of course.lectures) planned.push(await planLecture(course.courseId, l));
    const latest = await this.readLatest(course.courseId);
    const version = (latest?.version ?? 0) + 1;
    const manifestPath = `courses/${course.courseId}/versions/${version}/course.json`;
    const manifest: CourseManifest = {
      courseId: course.courseId,
      version,
      title: course.title,
      ...(course.description ? { description: course.description } : {}),
      lectures: planned.map((p) => ({
        id: p.lecture.id,
        title: p.lecture.title,
        ...(p.lecture.durationSec !== undefined ? { durationSec: p.lecture.durationSec } : {}),
        media: { master: p.master, files: p.files.map((f) => ({ path: f.hubPath, size: f.size, sha256: f.sha256 })) },
      })),
    };
    // What we publish must be what the download manager accepts.
    parseCourseManifest(JSON.stringify(manifest), `The course.json for "${course.title}"`);

    const existing = await this.listSizes(`courses/${course.courseId}/lectures/`);
    const media = planned.flatMap((p) => p.files);
    const toSend = media.filter((f) => existing.get(this.key(f.hubPath)) !== f.size);
    await this.engine.uploadFiles(toSend.map((f) => ({ path: f.localPath, key: this.key(f.hubPath), cacheControl: IMMUTABLE })));

    await this.putJson(manifestPath, manifest, IMMUTABLE);
    const pointer: LatestPointer = { courseId: course.courseId, version, manifest: manifestPath, publishedAt: new Date().toISOString() };
    await this.putJson(`courses/${course.courseId}/latest.json`, pointer, MUTABLE);
    await this.updateCatalog(course, pointer);
    this.opts.log?.log('info', 'published', { courseId: course.courseId, version, uploaded: toSend.length, skipped: media.length - toSend.length });
    return { version, manifestPath, uploaded: toSend.length, skipped: media.length - toSend.length };
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
  private async updateCatalog(course: PublishCourse, pointer: LatestPointer): Promise<void> {
    const current = ((await this.getJson('catalog.json')) as { courses?: { id: string }[] } | null)?.courses ?? [];
    const entry = { id: course.courseId, title: course.title, version: pointer.version, latest: `courses/${course.courseId}/latest.json` };
    const courses = [...current.filter((c) => c.id !== course.courseId), entry].sort((a, b) => a.id.localeCompare(b.id));
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
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: this.key(hubPath) }));
      text = (await res.Body?.transformToString()) ?? '';
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

  private async listSizes(under: string): Promise<Map<string, number>> {
    const { client, bucket } = this.opts.target;
    const sizes = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: this.key(under), ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) sizes.set(o.Key, o.Size ?? -1);
      token = page.NextContinuationToken;
    } while (token);
    return sizes;
  }
}
