import type { Command } from 'commander';
import type { ReadOnlyHubCredentialsInput } from '../../contract/domains/hub-schemas';
import type { CatalogView, LibraryHub } from '../../contract/domains/library';
import { CliError, type CliContext } from '../context';
import { parseExpiry } from './hub';
import { readSecret, SECRET_ENV, SESSION_ENV } from './secret-input';

interface CatalogOptions {
  hub?: string;
  search?: string;
  offline?: boolean;
  accessKeyId?: string;
  region?: string;
  secretStdin?: boolean;
  sessionExpires?: string;
}

/** `lectern catalog`: the courses of the student's hubs, adding a hub by URL on the way. */
export function registerCatalogCommands(program: Command, ctx: CliContext): void {
  program
    .command('catalog')
    .description("list the courses published on your hubs (adds --hub first if it is new)")
    .option('--hub <url>', 'a hub base URL to add (public or CDN address, or a private bucket with --access-key-id)')
    .option('--access-key-id <id>', `read a private hub with these read-only S3 credentials; the secret comes from $${SECRET_ENV} or --secret-stdin`)
    .option('--region <region>', 'the region the credentials sign for (default us-east-1)')
    .option('--secret-stdin', `read the secret access key from stdin instead of $${SECRET_ENV}`)
    .option('--session-expires <time>', `when the session token in $${SESSION_ENV} expires (ISO 8601)`)
    .option('--search <words>', 'only courses whose title, subtitle or tags contain every word')
    .option('--offline', 'show the cached catalog without contacting the hubs')
    .action(async (opts: CatalogOptions) => {
      const credentials = await credentialsFrom(opts);
      if (opts.hub) await ensureHub(ctx, opts.hub, credentials);
      else if (credentials) throw new CliError('--access-key-id needs --hub <url>: the credentials are for the hub being added.');
      if (!opts.offline) await ctx.call('catalog.refresh', {});
      const view = await ctx.call('catalog.list', { query: opts.search ?? '' });
      ctx.print(view, () => describeCatalog(view));
    });
}

/** Read-only credentials when `--access-key-id` asks for them; the secret never comes from an argument (`ps` shows those to every user). */
async function credentialsFrom(opts: CatalogOptions): Promise<ReadOnlyHubCredentialsInput | undefined> {
  if (!opts.accessKeyId) {
    if (opts.secretStdin || opts.region || opts.sessionExpires) throw new CliError('--secret-stdin, --region and --session-expires go with --access-key-id.');
    return undefined;
  }
  const secretAccessKey = await readSecret(Boolean(opts.secretStdin));
  if (secretAccessKey === null) throw new CliError(`No secret access key: set $${SECRET_ENV} or pipe it with --secret-stdin (never pass it as an argument).`);
  const sessionToken = process.env[SESSION_ENV];
  const expires = parseExpiry(opts.sessionExpires);
  return {
    accessKeyId: opts.accessKeyId,
    secretAccessKey,
    ...(opts.region ? { region: opts.region } : {}),
    ...(sessionToken ? { sessionToken, ...(expires ? { sessionExpiresAt: expires } : {}) } : {}),
  };
}

async function ensureHub(ctx: CliContext, url: string, credentials: ReadOnlyHubCredentialsInput | undefined): Promise<LibraryHub> {
  const hubs = await ctx.call('library.hubs', {});
  const normalized = url.endsWith('/') ? url : `${url}/`;
  const existing = hubs.find((h) => h.baseUrl === normalized);
  if (existing && credentials && existing.accessKeyId !== credentials.accessKeyId) {
    throw new CliError(`${existing.baseUrl} is already in your library (${existing.auth === 'public' ? 'without credentials' : `with key ${existing.accessKeyId}`}); remove it in the app's Hubs list first to change its credentials.`);
  }
  return existing ?? (await ctx.call('library.addHub', { baseUrl: url, ...(credentials ? { credentials } : {}) }));
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
    const auth = h.auth === 's3-credentials' ? `  [read with key ${h.accessKeyId ?? '?'}${h.sessionExpiresAt !== null ? `, session until ${new Date(h.sessionExpiresAt).toISOString()}` : ''}]` : '';
    return `hub ${h.name} <${h.baseUrl}>${auth}  ${h.offline ? `OFFLINE, showing the catalog ${when}` : when}${h.error ? `  (${h.error})` : ''}`;
  });
  if (view.courses.length === 0) lines.push('(no courses)');
  for (const c of view.courses) {
    const flags = [c.downloadedLectures > 0 ? `${c.downloadedLectures} downloaded` : '', c.updateAvailable ? 'update available' : ''].filter(Boolean).join(', ');
    lines.push(`${c.courseId}  ${c.title}${c.subtitle ? ` — ${c.subtitle}` : ''}  v${c.version}, ${c.lectureCount ?? '?'} lectures${flags ? `  [${flags}]` : ''}`);
  }
  return lines.join('\n');
}
