import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';
import type { CourseDetail } from '../../../main/contract/types';

/** Small verbs for the course-drafts UI, named for what an instructor does. */

const root = path.resolve(import.meta.dirname, '../../..');

export const saveStatus = (page: Page): Locator => page.getByTestId('save-status');

export async function expectAllSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveText('All changes saved');
}

export const sections = (page: Page): Locator => page.getByTestId('section');
export const section = (page: Page, index: number): Locator => sections(page).nth(index);
export const lectures = (scope: Page | Locator): Locator => scope.getByTestId('lecture');

export async function addSection(page: Page, title: string): Promise<void> {
  const before = await sections(page).count();
  const input = page.getByTestId('new-section-title');
  await input.fill(title);
  await input.press('Enter');
  await expect(sections(page)).toHaveCount(before + 1);
  await expect(input).toHaveValue('');
}

export async function addLecture(page: Page, sectionIndex: number, title: string): Promise<void> {
  const s = section(page, sectionIndex);
  const before = await lectures(s).count();
  const input = s.getByTestId('new-lecture-title');
  await input.fill(title);
  await input.press('Enter');
  await expect(lectures(s)).toHaveCount(before + 1);
}

/** The outline as the page shows it: section titles with their lecture titles, in order. */
export async function outline(page: Page): Promise<{ title: string; lectures: string[] }[]> {
  return sections(page).evaluateAll((nodes) =>
    nodes.map((n) => ({
      title: (n.querySelector('[data-testid="section-title"]') as HTMLInputElement).value,
      lectures: [...n.querySelectorAll<HTMLInputElement>('[data-testid="lecture-title"]')].map((i) => i.value),
    })),
  );
}

export function outlineOf(course: CourseDetail): { title: string; lectures: string[] }[] {
  return course.sections.map((s) => ({ title: s.title, lectures: s.lectures.map((l) => l.title) }));
}

/** Drags with real mouse events in small steps, as dnd-kit's pointer sensor needs to see movement. */
export async function dragTo(page: Page, handle: Locator, target: Locator, where: 'above' | 'below' = 'above'): Promise<void> {
  // Near the edge of the scrolling workspace dnd-kit auto-scrolls, moving the content under a still
  // pointer; a person would drag to a target in view, so put it mid-screen first.
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + (where === 'above' ? -10 : 10), { steps: 5 });
  const targetY = where === 'above' ? to.y + to.height * 0.25 : to.y + to.height * 0.75;
  await page.mouse.move(x, targetY, { steps: 20 });
  // Linger like a person watching the drop preview: lists may reflow while a lecture changes section.
  await page.waitForTimeout(150);
  await page.mouse.move(x, targetY + (where === 'above' ? -2 : 2), { steps: 2 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

/** `lectern --json courses show <id>` against a data folder, as a user would run it. */
export async function cliShowCourse(dataDir: string, courseId: string): Promise<CourseDetail> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/lectern.mjs'), '--data-dir', dataDir, '--json', 'courses', 'show', courseId], {
    cwd: root,
  });
  return JSON.parse(stdout) as CourseDetail;
}
