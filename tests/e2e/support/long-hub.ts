/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { LecternApi } from '../../../main/contract/bridge';
import { MANIFEST_PATH, writeFfmpegPackage } from '../../helpers/hls-fixture';

/**
 * A hub folder holding one published course per entry of `sizes`, each with that many lectures in
 * sections of 20 ("Section 3", "Lecture 3.7"), written as the Publisher would (docs/HUB-FORMAT.md).
 * Only the documents exist: the media files the manifests name are never fetched by a course page.
 * Returns the course id for each size.
 */
export function writeLongHub(hubRoot: string, sizes: readonly number[]): Map<number, string> {
  const ids = new Map<number, string>();
  const entries = sizes.map((n) => {
    if (!Number.isInteger(n) || n < 20 || n % 20 !== 0) throw new Error(`A long course has a multiple of 20 lectures, not ${n}.`);
    const courseId = `long-${n}`;
    ids.set(n, courseId);
    const manifestPath = `courses/${courseId}/versions/1/course.json`;
    write(hubRoot, manifestPath, manifestOf(courseId, n));
    write(hubRoot, `courses/${courseId}/latest.json`, { courseId, version: 1, manifest: manifestPath, publishedAt: '2026-12-01T10:00:00.000Z' });
    return { id: courseId, title: `Long course (${n} lectures)`, version: 1, latest: `courses/${courseId}/latest.json`, lectureCount: n };
  });
  write(hubRoot, 'catalog.json', { courses: entries });
  return ids;
}

/** The two downloaded lectures of a course of `n`: the 10th and 11th of its middle section, far from both ends. */
export function playedLectures(n: number): { section: number; ids: [string, string]; titles: [string, string] } {
  const section = Math.ceil(n / 20 / 2);
  return {
    section,
    ids: [`long-${n}-l${section}-10`, `long-${n}-l${section}-11`],
    titles: [`Lecture ${section}.10`, `Lecture ${section}.11`],
  };
}

/** Gives the played lectures of every course the fixture's real media (same files, verified by sha256). */
export function addPlayableLectures(hubRoot: string, sizes: readonly number[]): void {
  writeFfmpegPackage(hubRoot, { seconds: 4 });
  const fixture = JSON.parse(fs.readFileSync(path.join(hubRoot, MANIFEST_PATH), 'utf8')) as { lectures: { media: unknown }[] };
  const media = fixture.lectures[0]!.media;
  for (const n of sizes) {
    const file = path.join(hubRoot, `courses/long-${n}/versions/1/course.json`);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { lectures: { id: string; media: unknown; durationSec: number }[] };
    const played = new Set(playedLectures(n).ids);
    for (const l of manifest.lectures) {
      if (!played.has(l.id)) continue;
      l.media = media;
      l.durationSec = 4;
    }
    fs.writeFileSync(file, JSON.stringify(manifest));
  }
}

function manifestOf(courseId: string, count: number) {
  const sha = 'a'.repeat(64);
  const sections = Array.from({ length: count / 20 }, (_, s) => ({
    id: `${courseId}-s${s + 1}`,
    title: `Section ${s + 1}`,
    lectureIds: Array.from({ length: 20 }, (_, l) => `${courseId}-l${s + 1}-${l + 1}`),
  }));
  const lectures = sections.flatMap((s, si) =>
    s.lectureIds.map((id, li) => {
      const base = `courses/${courseId}/lectures/${id}/v1`;
      return {
        id,
        title: `Lecture ${si + 1}.${li + 1}`,
        // Author HTML like an instructor's summary, so each row pays for sanitizing as in real courses.
        summary: `<p>What <b>part ${li + 1}</b> of section ${si + 1} covers, with an <i>example</i>.</p>`,
        durationSec: 300 + ((si * 20 + li) % 97),
        freePreview: li === 0,
        media: {
          master: `${base}/master.m3u8`,
          files: [{ path: `${base}/master.m3u8`, size: 200, sha256: sha }],
          renditions: [
            { name: '720p', height: 720, bandwidth: 3_000_000, bytes: 110_000_000 },
            { name: '360p', height: 360, bandwidth: 900_000, bytes: 33_000_000 },
          ],
        },
      };
    }),
  );
  return {
    schemaVersion: 1,
    courseId,
    version: 1,
    title: `Long course (${count} lectures)`,
    description: '<p>A course long enough to find what grows with it.</p>',
    publishedAt: '2026-12-01T10:00:00.000Z',
    sections,
    lectures,
  };
}

function write(hubRoot: string, key: string, value: unknown): void {
  const file = path.join(hubRoot, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

/** Adds the hub to the library through the contract, from the page; returns its id. */
export async function addHub(page: Page, baseUrl: string): Promise<string> {
  return page.evaluate(async (url) => {
    const { lectern } = window as unknown as { lectern: LecternApi };
    const envelope = (await lectern.invoke('library.addHub' as never, { baseUrl: url } as never)) as { ok: boolean; value?: { id: string }; error?: unknown };
    if (!envelope.ok || !envelope.value) throw new Error(`library.addHub failed: ${JSON.stringify(envelope.error)}`);
    return envelope.value.id;
  }, baseUrl);
}
