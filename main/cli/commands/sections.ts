import type { Command } from 'commander';
import type { CliContext } from '../context';
import { printReceipt, toIndex } from './authoring-shared';

/** `lectern sections …`: the section edits the course editor makes, through the same channels. */
export function registerSectionCommands(program: Command, ctx: CliContext): void {
  const sections = program.command('sections').description('author the sections of a course draft');

  sections
    .command('add')
    .description('append a section to a course')
    .argument('<course-id>', 'course id (see: lectern courses list)')
    .argument('<title>', 'section title')
    .action(async (courseId: string, title: string) => {
      const section = await ctx.call('sections.create', { courseId, title });
      ctx.print(section, () => `Created section ${section.id}  ${section.title}`);
    });

  sections
    .command('rename')
    .description('rename a section')
    .argument('<section-id>', 'section id (see: lectern courses show <course-id> --json)')
    .argument('<title>', 'new title')
    .action(async (sectionId: string, title: string) => {
      const section = await ctx.call('sections.update', { sectionId, patch: { title } });
      ctx.print(section, () => `Renamed section ${section.id} to ${section.title}`);
    });

  sections
    .command('move')
    .description('move a section to a position in its course (1 = first; past the end = last)')
    .argument('<section-id>', 'section id')
    .argument('<position>', 'new position, 1-based')
    .action(async (sectionId: string, position: string) => {
      const course = await ctx.call('sections.move', { sectionId, toIndex: toIndex(position) });
      const at = course.sections.findIndex((s) => s.id === sectionId) + 1;
      ctx.print(course, () => `Moved section ${sectionId} to position ${at} of ${course.sections.length}`);
    });

  sections
    .command('remove')
    .description('move a section and its lectures to the trash (undo with: lectern trash restore <token>)')
    .argument('<section-id>', 'section id')
    .action(async (sectionId: string) => printReceipt(ctx, await ctx.call('sections.delete', { sectionId })));
}
