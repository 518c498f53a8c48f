import fs from 'node:fs';
import type { DeleteReceipt } from '../../contract/types';
import { CliError, type CliContext } from '../context';

/**
 * Positions on the command line are 1-based, as `lectern courses show` numbers them; the contract's are
 * 0-based. A position past the end is clamped to the end by the service, as a drag in the UI is.
 */
export function toIndex(position: string): number {
  const n = Number(position);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(`Position "${position}" is not a whole number of 1 or more; use 1 for the first place.`);
  }
  return n - 1;
}

/** Reads a text file given with --*-file, with a message naming the file when it cannot be read. */
export function readTextFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : String(err);
    throw new CliError(`Could not read the ${what} from "${file}" (${reason}); check the path and try again.`);
  }
}

export function printReceipt(ctx: CliContext, receipt: DeleteReceipt): void {
  ctx.print(receipt, () => `Moved ${receipt.kind} «${receipt.title}» to the trash. Undo with: lectern trash restore ${receipt.undoToken}`);
}

/** The course and section a lecture is in, found through the same channels the UI reads. */
export async function locateLecture(ctx: CliContext, lectureId: string): Promise<{ courseId: string; sectionId: string }> {
  for (const summary of await ctx.call('courses.list', {})) {
    const course = await ctx.call('courses.get', { courseId: summary.id });
    for (const section of course.sections) {
      if (section.lectures.some((l) => l.id === lectureId)) return { courseId: course.id, sectionId: section.id };
    }
  }
  throw new CliError(`No lecture has the id ${lectureId}; list a course's lectures with: lectern courses show <course-id>`);
}
