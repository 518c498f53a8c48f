import path from 'node:path';
import type { Command } from 'commander';
import { Encoding } from '../../contract/schemas';
import type { CourseDetail } from '../../contract/types';
import type { CliContext } from '../context';
import { printReceipt, readTextFile } from './authoring-shared';

const ENCODINGS = Encoding.options;

export function registerCourseCommands(program: Command, ctx: CliContext): void {
  const courses = program.command('courses').description('course drafts');

  courses
    .command('list')
    .description('list course drafts, most recently edited first')
    .action(async () => {
      const list = await ctx.call('courses.list', {});
      ctx.print(list, () =>
        list.length === 0
          ? 'No courses yet. Create one with: lectern courses create "<title>"'
          : list.map((c) => `${c.id}  ${c.title}  (${c.sectionCount} sections, ${c.lectureCount} lectures)`).join('\n'),
      );
    });

  courses
    .command('create')
    .description('create a course draft')
    .argument('<title>', 'course title')
    .action(async (title: string) => {
      const course = await ctx.call('courses.create', { title });
      ctx.print(course, () => `Created ${course.id}  ${course.title}`);
    });

  courses
    .command('show')
    .description('show a course with its sections and lectures')
    .argument('<course-id>', 'course id (see: lectern courses list)')
    .action(async (courseId: string) => {
      const course = await ctx.call('courses.get', { courseId });
      ctx.print(course, () => outline(course));
    });

  courses
    .command('rename')
    .description('rename a course')
    .argument('<course-id>', 'course id')
    .argument('<title>', 'new title')
    .action(async (courseId: string, title: string) => {
      const course = await ctx.call('courses.update', { courseId, patch: { title } });
      ctx.print(course, () => `Renamed course ${course.id} to ${course.title}`);
    });

  courses
    .command('describe')
    .description('set a course\'s description from a UTF-8 text file (and optionally its subtitle)')
    .argument('<course-id>', 'course id')
    .argument('<file>', 'text file holding the description')
    .option('--subtitle <text>', 'also set the subtitle')
    .action(async (courseId: string, file: string, opts: { subtitle?: string }) => {
      const description = readTextFile(file, 'description');
      const patch = opts.subtitle === undefined ? { description } : { description, subtitle: opts.subtitle };
      const course = await ctx.call('courses.update', { courseId, patch });
      ctx.print(course, () => `Updated the description of ${course.id}  ${course.title}`);
    });

  courses
    .command('set')
    .description('change course settings; a new --encoding re-encodes the course\'s videos before the next publish')
    .argument('<course-id>', 'course id')
    .option('--encoding <setting>', `video encoding: ${ENCODINGS.join(', ')} (smaller files, balanced — the default —, higher quality)`)
    .option('--cover <image>', 'set or replace the cover image: a JPEG, PNG or WebP file up to 20 MiB, cropped to 16:9 at 1280×720')
    .option('--no-cover', "remove the cover image (students then see the first lecture's poster)")
    .action(async (courseId: string, opts: { encoding?: string; cover?: string | false }) => {
      if (opts.encoding === undefined && opts.cover === undefined) throw new Error('Nothing to change: give --encoding <setting>, --cover <image> or --no-cover.');
      if (opts.encoding !== undefined) {
        const encoding = Encoding.safeParse(opts.encoding);
        if (!encoding.success) throw new Error(`Unknown encoding "${opts.encoding}"; use one of: ${ENCODINGS.join(', ')}.`);
        const course = await ctx.call('courses.update', { courseId, patch: { encoding: encoding.data } });
        ctx.print(course, () => `Set the encoding of ${course.id}  ${course.title} to ${course.encoding}; lectures already built are queued to re-encode`);
      }
      if (typeof opts.cover === 'string') {
        const cover = await ctx.call('courses.setCover', { courseId, filePath: path.resolve(opts.cover) });
        ctx.print(cover, () => `Set the cover of ${courseId} from ${cover.sourceName}: ${cover.width}×${cover.height} JPEG, ${cover.bytes} bytes`);
      } else if (opts.cover === false) {
        const result = await ctx.call('courses.removeCover', { courseId });
        ctx.print(result, () => (result.removed ? `Removed the cover of ${courseId}` : `${courseId} had no cover`));
      }
    });

  courses
    .command('remove')
    .description('move a course and everything in it to the trash (undo with: lectern trash restore <token>)')
    .argument('<course-id>', 'course id')
    .action(async (courseId: string) => printReceipt(ctx, await ctx.call('courses.delete', { courseId })));

  program
    .command('trash')
    .description('undo deletes')
    .command('restore')
    .description('restore what a remove command moved to the trash')
    .argument('<undo-token>', 'the token the remove command printed')
    .action(async (undoToken: string) => {
      const receipt = await ctx.call('trash.restore', { undoToken });
      ctx.print(receipt, () => `Restored the ${receipt.kind} into course ${receipt.courseId}`);
    });
}

function outline(c: CourseDetail): string {
  const lines = [`${c.title}${c.subtitle ? ` — ${c.subtitle}` : ''}`, `id: ${c.id}  language: ${c.language}  tags: ${c.tags.join(', ') || '—'}  encoding: ${c.encoding}`];
  if (c.cover) lines.push(`cover: ${c.cover.width}×${c.cover.height} JPEG made from ${c.cover.sourceName}`);
  if (c.sections.length === 0) lines.push('(no sections yet)');
  c.sections.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title}`);
    s.lectures.forEach((l, j) => {
      const duration = l.durationSec === null ? '' : `  ${Math.round(l.durationSec)}s`;
      lines.push(`   ${i + 1}.${j + 1} ${l.title}  [${l.status}${l.freePreview ? ', free preview' : ''}]${duration}`);
    });
  });
  return lines.join('\n');
}
