/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { LecternApi } from '../../../main/contract/bridge';

/**
 * A course of `lectures` lectures in sections of 20 ("Section 3", "Lecture 3.7"), made through the
 * contract from the page, as fast as main answers. Returns the course id.
 */
export async function makeLongCourse(page: Page, lectures: number): Promise<string> {
  if (!Number.isInteger(lectures) || lectures < 20 || lectures % 20 !== 0) throw new Error(`A long course has a multiple of 20 lectures, not ${lectures}.`);
  return page.evaluate(async (count) => {
    const call = async (channel: string, input: unknown) => {
      const { lectern } = window as unknown as { lectern: LecternApi };
      const envelope = (await lectern.invoke(channel as never, input as never)) as { ok: boolean; value?: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
      return envelope.value as { id: string };
    };
    const course = await call('courses.create', { title: `Long course (${count} lectures)` });
    for (let s = 0; s < count / 20; s++) {
      const section = await call('sections.create', { courseId: course.id, title: `Section ${s + 1}` });
      await Promise.all(Array.from({ length: 20 }, (_, l) => call('lectures.create', { sectionId: section.id, title: `Lecture ${s + 1}.${l + 1}` })));
    }
    return course.id;
  }, lectures);
}
