import type { Command } from 'commander';
import type { LecturePatch } from '../../contract/schemas';
import { CliError, type CliContext } from '../context';
import { locateLecture, printReceipt, readTextFile, toIndex } from './authoring-shared';

interface SetOptions {
  freePreview?: string;
  status?: string;
  summaryFile?: string;
}

/** `lectern lectures …`: the lecture edits the course editor makes, through the same channels. */
export function registerLectureCommands(program: Command, ctx: CliContext): void {
  const lectures = program.command('lectures').description('author the lectures of a course draft');

  lectures
    .command('add')
    .description('append a lecture to a section')
    .argument('<section-id>', 'section id (see: lectern courses show <course-id> --json)')
    .argument('<title>', 'lecture title')
    .action(async (sectionId: string, title: string) => {
      const lecture = await ctx.call('lectures.create', { sectionId, title });
      ctx.print(lecture, () => `Created lecture ${lecture.id}  ${lecture.title}`);
    });

  lectures
    .command('rename')
    .description('rename a lecture')
    .argument('<lecture-id>', 'lecture id')
    .argument('<title>', 'new title')
    .action(async (lectureId: string, title: string) => {
      const lecture = await ctx.call('lectures.update', { lectureId, patch: { title } });
      ctx.print(lecture, () => `Renamed lecture ${lecture.id} to ${lecture.title}`);
    });

  lectures
    .command('set')
    .description('change a lecture\'s free preview, status or summary')
    .argument('<lecture-id>', 'lecture id')
    .option('--free-preview <yes|no>', 'whether students can watch it before downloading the course')
    .option('--status <draft|ready>', 'draft or ready')
    .option('--summary-file <file>', 'read the summary (description) from a UTF-8 text file')
    .action(async (lectureId: string, opts: SetOptions) => {
      const patch = lecturePatch(opts);
      const lecture = await ctx.call('lectures.update', { lectureId, patch: patch as LecturePatch });
      ctx.print(lecture, () => `Updated lecture ${lecture.id}  ${lecture.title}  [${lecture.status}${lecture.freePreview ? ', free preview' : ''}]`);
    });

  lectures
    .command('move')
    .description('move a lecture to a position in a section of the same course (1 = first; past the end = last)')
    .argument('<lecture-id>', 'lecture id')
    .argument('<position>', 'new position, 1-based')
    .option('--to-section <section-id>', 'section to move it into (default: the one it is in)')
    .action(async (lectureId: string, position: string, opts: { toSection?: string }) => {
      const toIdx = toIndex(position);
      const toSectionId = opts.toSection ?? (await locateLecture(ctx, lectureId)).sectionId;
      const course = await ctx.call('lectures.move', { lectureId, toSectionId, toIndex: toIdx });
      const section = course.sections.find((s) => s.id === toSectionId);
      const at = (section?.lectures.findIndex((l) => l.id === lectureId) ?? -1) + 1;
      ctx.print(course, () => `Moved lecture ${lectureId} to position ${at} of section «${section?.title ?? toSectionId}»`);
    });

  lectures
    .command('remove')
    .description('move a lecture to the trash (undo with: lectern trash restore <token>)')
    .argument('<lecture-id>', 'lecture id')
    .action(async (lectureId: string) => printReceipt(ctx, await ctx.call('lectures.delete', { lectureId })));
}

function lecturePatch(opts: SetOptions): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (opts.freePreview !== undefined) {
    const v = opts.freePreview.toLowerCase();
    if (!['yes', 'no', 'true', 'false'].includes(v)) {
      throw new CliError(`--free-preview takes yes or no, not "${opts.freePreview}".`);
    }
    patch.freePreview = v === 'yes' || v === 'true';
  }
  // Passed through unchecked so the contract's schema gives the same message the UI would get.
  if (opts.status !== undefined) patch.status = opts.status;
  if (opts.summaryFile !== undefined) patch.summary = readTextFile(opts.summaryFile, 'summary');
  if (Object.keys(patch).length === 0) {
    throw new CliError('Nothing to change: give at least one of --free-preview, --status or --summary-file.');
  }
  return patch;
}
