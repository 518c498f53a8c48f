import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlayerLecture } from '../../../main/contract/domains/playback';
import { describeError } from '../errors/error-text';
import { call } from '../ipc';
import { useLibrary } from '../library/library-store';
import { buildCurriculum, keepUnchanged, outlineFromCourse, outlineFromDownloads, type CurriculumSection, type Outline } from './curriculum';
import { useProgressQuery } from './use-progress';
import { useT } from '../i18n/use-t';

/** Why only the downloads are listed: kept as a reason, worded at render so a language switch redraws it. */
type OutlineProblem = { kind: 'no-hub' } | { kind: 'unreadable'; reason: string };

interface LoadedCourse {
  title: string;
  outline: Outline;
  /** The hub's catalog fetch it was read after: a newer fetch may have brought a newer manifest. */
  fetchedAt: number | null;
}

/**
 * Outlines already read this session, by hub and course: moving to the next lecture opens a new player
 * page, and its curriculum should not blink while the (cached) manifest is read again.
 */
const outlines = new Map<string, LoadedCourse>();

export interface CurriculumView {
  courseTitle: string;
  /** Null until there is something to show. */
  sections: CurriculumSection[] | null;
  /** Why only the downloaded lectures are listed, when the course's outline could not be read. */
  notice: string | null;
}

/**
 * The curriculum of the lecture's course: its published outline (from the hub's cached manifest) with
 * the local watch progress and download state of each lecture, following both as they change. Without
 * the hub (removed) or its manifest, the course's downloads stand in for the outline.
 */
export function useCurriculum(lecture: PlayerLecture | null): CurriculumView {
  const hubBase = lecture?.hubBase ?? '';
  const courseId = lecture?.courseId ?? '';
  const catalogLoaded = useLibrary((s) => s.catalog !== null);
  const hubId = useLibrary((s) => s.catalog?.hubs.find((h) => h.baseUrl === hubBase)?.id ?? null);
  const fetchedAt = useLibrary((s) => s.catalog?.hubs.find((h) => h.baseUrl === hubBase)?.fetchedAt ?? null);
  const downloads = useLibrary((s) => s.downloads);
  const cacheKey = `${hubBase}\n${courseId}`;
  const [course, setCourse] = useState<LoadedCourse | null>(() => outlines.get(cacheKey) ?? null);
  const [notice, setNotice] = useState<OutlineProblem | null>(null);
  const t = useT();

  useEffect(() => {
    if (!lecture || !catalogLoaded) return;
    if (!hubId) {
      setNotice({ kind: 'no-hub' });
      return;
    }
    // Read already since the hub's catalog was last fetched: the same manifest, and a long course's page
    // is worth not fetching and parsing again on every lecture opened.
    const cached = outlines.get(cacheKey);
    if (cached && cached.fetchedAt === fetchedAt) {
      setCourse(cached);
      setNotice(null);
      return;
    }
    let live = true;
    call('catalog.course', { hubId, courseId }).then(
      (c) => {
        const loaded = { title: c.title, outline: outlineFromCourse(c.sections), fetchedAt };
        outlines.set(cacheKey, loaded);
        if (!live) return;
        setCourse(loaded);
        setNotice(null);
      },
      (err: unknown) => live && setNotice({ kind: 'unreadable', reason: describeError(err).sentence }),
    );
    return () => {
      live = false;
    };
    // `lecture` matters only as present or not; its course is in cacheKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogLoaded, hubId, fetchedAt, courseId, cacheKey, lecture === null]);

  const { value: progress } = useProgressQuery(
    () => (lecture ? call('progress.course', { hubBase, courseId }) : Promise.resolve(null)),
    (p) => p.hubBase === hubBase && p.courseId === courseId,
    [hubBase, courseId, lecture === null],
  );

  // What was shown last, so a progress or download update keeps the objects of every lecture it left alone.
  const shown = useRef<CurriculumSection[] | null>(null);
  return useMemo(() => {
    const list = Object.values(downloads);
    const courseTitle = course?.title ?? list.find((d) => d.hubBase === hubBase && d.courseId === courseId)?.courseTitle ?? '';
    const noticeText = notice && (notice.kind === 'no-hub' ? t('player.curriculum.noHub') : t('player.curriculum.unreadable', { reason: notice.reason }));
    if (!lecture) return { courseTitle, sections: null, notice: noticeText };
    const outline = course?.outline ?? (notice ? outlineFromDownloads(list, hubBase, courseId, t('player.curriculum.downloadedLectures')) : null);
    const sections = outline ? keepUnchanged(shown.current, buildCurriculum(outline, progress?.lectures ?? [], list, hubBase, courseId)) : null;
    shown.current = sections;
    return { courseTitle, sections, notice: course ? null : noticeText };
  }, [course, notice, progress, downloads, lecture, hubBase, courseId, t]);
}
