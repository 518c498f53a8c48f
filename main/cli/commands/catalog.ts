import type { Command } from 'commander';
import type { CatalogView, LibraryHub } from '../../contract/domains/library';
import { CliError, type CliContext } from '../context';

/** `lectern catalog`: the courses of the student's hubs, adding a hub by URL on the way. */
export function registerCatalogCommands(program: Command, ctx: CliContext): void {
  program
    .command('catalog')
    .description("list the courses published on your hubs (adds --hub first if it is new)")
    .option('--hub <url>', 'a hub base URL to add (public or CDN address)')
    .option('--search <words>', 'only courses whose title, subtitle or tags contain every word')
    .option('--offline', 'show the cached catalog without contacting the hubs')
    .action(async (opts: { hub?: string; search?: string; offline?: boolean }) => {
      if (opts.hub) await ensureHub(ctx, opts.hub);
      if (!opts.offline) await ctx.call('catalog.refresh', {});
      const view = await ctx.call('catalog.list', { query: opts.search ?? '' });
      ctx.print(view, () => describeCatalog(view));
    });
}

async function ensureHub(ctx: CliContext, url: string): Promise<LibraryHub> {
  const hubs = await ctx.call('library.hubs', {});
  const normalized = url.endsWith('/') ? url : `${url}/`;
  return hubs.find((h) => h.baseUrl === normalized) ?? (await ctx.call('library.addHub', { baseUrl: url }));
}

/** The hub and course a CLI argument names; the course id alone is enough when it is on one hub. */
export async function findCourse(ctx: CliContext, courseId: string): Promise<{ hubId: string; courseId: string }> {
  const match = (view: CatalogView) => view.courses.find((c) => c.courseId === courseId);
  const found = match(await ctx.call('catalog.list', {})) ?? match(await ctx.call('catalog.refresh', {}));
  if (!found) throw new CliError(`No hub in your library publishes a course "${courseId}". See: lectern catalog [--hub <url>]`);
  return { hubId: found.hubId, courseId };
}

function describeCatalog(view: CatalogView): string {
  if (view.hubs.length === 0) return 'No hubs yet. Add one with: lectern catalog --hub <url>';
  const lines = view.hubs.map((h) => {
    const when = h.fetchedAt === null ? 'never fetched' : `as of ${new Date(h.fetchedAt).toISOString()}`;
    return `hub ${h.name} <${h.baseUrl}>  ${h.offline ? `OFFLINE, showing the catalog ${when}` : when}${h.error ? `  (${h.error})` : ''}`;
  });
  if (view.courses.length === 0) lines.push('(no courses)');
  for (const c of view.courses) {
    const flags = [c.downloadedLectures > 0 ? `${c.downloadedLectures} downloaded` : '', c.updateAvailable ? 'update available' : ''].filter(Boolean).join(', ');
    lines.push(`${c.courseId}  ${c.title}${c.subtitle ? ` — ${c.subtitle}` : ''}  v${c.version}, ${c.lectureCount ?? '?'} lectures${flags ? `  [${flags}]` : ''}`);
  }
  return lines.join('\n');
}
