/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { LecternApi } from '../../../main/contract/bridge';

/**
 * A course of `lectures` lectures in sections of 20 ("Section 3", "Lecture 3.7"), made through the
 * contract from the page, as fast as main answers. `sectionSizes` gives another shape (its sizes must add
 * up to `lectures`), e.g. a few sections of 20 then one long last section. Returns the course id.
 */
export async function makeLongCourse(page: Page, lectures: number, sectionSizes?: readonly number[]): Promise<string> {
  if (!Number.isInteger(lectures) || lectures < 20 || lectures % 20 !== 0) throw new Error(`A long course has a multiple of 20 lectures, not ${lectures}.`);
  const shape = sectionSizes ? [...sectionSizes] : Array.from({ length: lectures / 20 }, () => 20);
  const total = shape.reduce((n, s) => n + s, 0);
  if (total !== lectures || shape.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`The section sizes ${shape.join(', ')} do not make ${lectures} lectures of whole, non-empty sections.`);
  }
  return page.evaluate(
    async ({ count, shape }) => {
      const call = async (channel: string, input: unknown) => {
        const { lectern } = window as unknown as { lectern: LecternApi };
        const envelope = (await lectern.invoke(channel as never, input as never)) as { ok: boolean; value?: unknown; error?: unknown };
        if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
        return envelope.value as { id: string };
      };
      const course = await call('courses.create', { title: `Long course (${count} lectures)` });
      for (let s = 0; s < shape.length; s++) {
        const section = await call('sections.create', { courseId: course.id, title: `Section ${s + 1}` });
        // Twenty in flight at a time: as fast as main answers, in order within each batch's section.
        for (let from = 0; from < shape[s]!; from += 20) {
          const batch = Array.from({ length: Math.min(20, shape[s]! - from) }, (_, i) => from + i);
          await Promise.all(batch.map((l) => call('lectures.create', { sectionId: section.id, title: `Lecture ${s + 1}.${l + 1}` })));
        }
      }
      return course.id;
    },
    { count: lectures, shape },
  );
}
