import type { Command } from 'commander';
import type { ReadOnlyHubCredentialsInput } from '../../contract/domains/hub-schemas';
import type { CatalogView, LibraryHub } from '../../contract/domains/library';
import { CliError, type CliContext } from '../context';
import { parseExpiry } from './hub';
import { readSecret, SECRET_ENV, SESSION_ENV } from './secret-input';

interface CatalogOptions {
  hub?: string;
  search?: string;
  query?: string;
  limit: number;
  offline?: boolean;
  accessKeyId?: string;
  region?: string;
  secretStdin?: boolean;
  sessionExpires?: string;
  updateCredentials?: boolean;
  public?: boolean;
}

const DEFAULT_LIMIT = 50;
/** The contract's bound: `catalog.list` answers at most this many courses at once. */
const MAX_LIMIT = 100_000;

/** `--limit`: a whole number of courses, 1 to 100,000. */
export function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new CliError(`--limit takes a whole number of courses from 1 to ${MAX_LIMIT.toLocaleString('en')}, not "${value}".`);
  }
  return n;
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
    .option('--update-credentials', 'replace the credentials of the --hub already in your library (a rotated key, an expired session token); the hub refusing them keeps the old ones')
    .option('--public', 'with --update-credentials: read the hub without credentials from now on')
    .option('--query <words>', 'only courses whose title, subtitle or tags contain every word')
    .option('--search <words>', 'the same as --query')
    .option('--limit <n>', `list at most n courses (a hub can publish 100,000), default ${DEFAULT_LIMIT}`, parseLimit, DEFAULT_LIMIT)
    .option('--offline', 'show the cached catalog without contacting the hubs')
    .action(async (opts: CatalogOptions) => {
      const credentials = await credentialsFrom(opts);
      if (opts.updateCredentials) await updateCredentials(ctx, opts, credentials);
      else if (opts.public) throw new CliError('--public goes with --update-credentials: it makes a hub already in your library public again.');
      else if (opts.hub) await ensureHub(ctx, opts.hub, credentials);
      else if (credentials) throw new CliError('--access-key-id needs --hub <url>: the credentials are for the hub being added.');
      if (!opts.offline) await ctx.call('catalog.refresh', {});
      if (opts.query !== undefined && opts.search !== undefined && opts.query !== opts.search) throw new CliError('--search is another name for --query: give one of them.');
      const view = await ctx.call('catalog.list', { query: opts.query ?? opts.search ?? '', limit: opts.limit, complete: true });
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

/** The hub in the library at `url` (with or without its trailing slash), if any. */
async function hubAt(ctx: CliContext, url: string): Promise<LibraryHub | undefined> {
  const normalized = url.endsWith('/') ? url : `${url}/`;
  return (await ctx.call('library.hubs', {})).find((h) => h.baseUrl === normalized);
}

async function ensureHub(ctx: CliContext, url: string, credentials: ReadOnlyHubCredentialsInput | undefined): Promise<LibraryHub> {
  const existing = await hubAt(ctx, url);
  if (existing && credentials && existing.accessKeyId !== credentials.accessKeyId) {
    throw new CliError(
      `${existing.baseUrl} is already in your library (${existing.auth === 'public' ? 'without credentials' : `with key ${existing.accessKeyId}`}); to change its credentials add --update-credentials.`,
    );
  }
  return existing ?? (await ctx.call('library.addHub', { baseUrl: url, ...(credentials ? { credentials } : {}) }));
}

/** `--update-credentials`: new read-only credentials for a hub already in the library, or `--public` for none. */
async function updateCredentials(ctx: CliContext, opts: CatalogOptions, credentials: ReadOnlyHubCredentialsInput | undefined): Promise<void> {
  if (!opts.hub) throw new CliError('--update-credentials needs --hub <url>: the hub whose credentials change.');
  if (credentials && opts.public) throw new CliError('--public reads the hub without credentials; leave out --access-key-id, or --public.');
  if (!credentials && !opts.public) {
    throw new CliError(`--update-credentials needs --access-key-id <id> (the secret from $${SECRET_ENV} or --secret-stdin), or --public to read the hub without credentials.`);
  }
  const hub = await hubAt(ctx, opts.hub);
  if (!hub) throw new CliError(`${opts.hub} is not in your library yet; add it with: lectern catalog --hub ${opts.hub}${credentials ? ' --access-key-id <id>' : ''}`);
  const updated = await ctx.call('library.updateHubCredentials', { hubId: hub.id, credentials: credentials ?? null });
  // On stderr, like other progress notes, so --json output stays one document.
  process.stderr.write(updated.auth === 'public' ? `${updated.name}: now read without credentials\n` : `${updated.name}: now read with key ${updated.accessKeyId ?? '?'}\n`);
}

/** The hub and course a CLI argument names; the course id alone is enough when it is on one hub. */
export async function findCourse(ctx: CliContext, courseId: string): Promise<{ hubId: string; courseId: string }> {
  const match = (view: CatalogView) => view.courses.find((c) => c.courseId === courseId);
  const found = match(await ctx.call('catalog.list', { complete: true })) ?? match(await ctx.call('catalog.refresh', {}));
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
  const more = view.total - view.courses.length;
  if (more > 0) lines.push(`… and ${more.toLocaleString('en')} more; use --limit or --query`);
  return lines.join('\n');
}
