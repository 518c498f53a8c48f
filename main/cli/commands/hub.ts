import type { Command } from 'commander';
import type { Hub, HubConnectionReport } from '../../contract/domains/publishing-types';
import { CliError, type CliContext } from '../context';
import { cliLanguage } from '../cli-language';
import { formatText } from '../../services/text/format-text';
import { readSecret, SECRET_ENV, SESSION_ENV } from './secret-input';

interface HubOptions {
  name?: string;
  endpoint?: string;
  region?: string;
  bucket?: string;
  prefix?: string;
  pathStyle?: boolean;
  accessKeyId?: string;
  secretStdin?: boolean;
  sessionExpires?: string;
}

/** A hub named by id or by its (unique) name. */
export async function resolveHub(ctx: CliContext, ref: string | undefined): Promise<Hub> {
  const hubs = await ctx.call('hubs.list', {});
  if (ref === undefined) {
    if (hubs.length === 1) return hubs[0] as Hub;
    throw new CliError(hubs.length === 0 ? 'No hub yet. Add one with: lectern hub add --help' : `Several hubs exist; name one with --hub (${hubs.map((h) => h.name).join(', ')}).`);
  }
  const found = hubs.filter((h) => h.id === ref || h.name === ref);
  if (found.length === 1) return found[0] as Hub;
  throw new CliError(found.length === 0 ? `There is no hub "${ref}". See: lectern hub list` : `Several hubs are called "${ref}"; use the id (lectern hub list).`);
}

/** `--session-expires` as epoch milliseconds. */
export function parseExpiry(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new CliError(`--session-expires must be a date and time such as 2026-11-25T18:00:00Z, not "${value}".`);
  return t;
}

function hubLine(h: Hub): string {
  const session = h.sessionExpiresAt !== null ? `, session token until ${new Date(h.sessionExpiresAt).toISOString()}` : h.hasSessionToken ? ', session token' : '';
  return `${h.id}  ${h.name}  ${h.endpoint} bucket ${h.bucket}${h.keyPrefix ? ` prefix ${h.keyPrefix}` : ''}${h.pathStyle ? ' (path-style)' : ''}${session}`;
}

export function reportLines(r: HubConnectionReport, language = cliLanguage()): string {
  const checks = (['list', 'write', 'read', 'delete'] as const).map((c) => `${c.padEnd(7)}${r[c]}`);
  const problem = r.problemText && language !== 'en' ? formatText(r.problemText, language) : r.problem;
  return [...checks, r.ok ? 'OK: Lectern can list, write, read and delete on this hub.' : `Problem: ${problem ?? 'unknown'}`].join('\n');
}

export function registerHubCommands(program: Command, ctx: CliContext): void {
  const hub = program
    .command('hub')
    .description(`hubs (S3-compatible storage) to publish to; secrets are read from $${SECRET_ENV} or stdin, never from arguments`);

  const fields = (c: Command) =>
    c
      .option('--name <name>', 'a name for the hub')
      .option('--endpoint <url>', 'S3 endpoint, e.g. https://s3.eu-west-1.amazonaws.com')
      .option('--region <region>', 'region (default us-east-1)')
      .option('--bucket <bucket>', 'bucket name')
      .option('--prefix <prefix>', 'key prefix (folder) inside the bucket')
      .option('--path-style', 'path-style addresses (MinIO, Swift, most self-hosted servers)')
      .option('--access-key-id <id>', 'access key id (not secret)')
      .option('--secret-stdin', `read the secret access key from stdin instead of $${SECRET_ENV}`)
      .option('--session-expires <time>', `when the session token in $${SESSION_ENV} expires (ISO 8601)`);

  fields(hub.command('add').description('add a hub; the secret goes to the system keychain')).action(async (o: HubOptions) => {
    const secretAccessKey = await readSecret(Boolean(o.secretStdin));
    if (secretAccessKey === null) throw new CliError(`No secret access key: set $${SECRET_ENV} or pipe it with --secret-stdin (never pass it as an argument).`);
    const sessionToken = process.env[SESSION_ENV];
    const expires = parseExpiry(o.sessionExpires);
    const created = await ctx.call('hubs.create', {
      name: o.name ?? '',
      endpoint: o.endpoint ?? '',
      bucket: o.bucket ?? '',
      accessKeyId: o.accessKeyId ?? '',
      secretAccessKey,
      ...(o.region ? { region: o.region } : {}),
      ...(o.prefix !== undefined ? { keyPrefix: o.prefix } : {}),
      ...(o.pathStyle ? { pathStyle: true } : {}),
      ...(sessionToken ? { sessionToken, ...(expires ? { sessionExpiresAt: expires } : {}) } : {}),
    });
    ctx.print(created, () => `Added ${hubLine(created)}\nCheck it with: lectern hub test ${created.id}`);
  });

  fields(hub.command('update').description('change a hub, e.g. fresh keys after they expired').argument('<hub>', 'hub id or name'))
    .option('--no-session', 'remove the stored session token (long-term keys)')
    .action(async (ref: string, o: HubOptions & { session?: boolean }) => {
      const h = await resolveHub(ctx, ref);
      const secretAccessKey = await readSecret(Boolean(o.secretStdin));
      const sessionToken = process.env[SESSION_ENV];
      const expires = parseExpiry(o.sessionExpires);
      const updated = await ctx.call('hubs.update', {
        hubId: h.id,
        patch: {
          ...(o.name ? { name: o.name } : {}),
          ...(o.endpoint ? { endpoint: o.endpoint } : {}),
          ...(o.region ? { region: o.region } : {}),
          ...(o.bucket ? { bucket: o.bucket } : {}),
          ...(o.prefix !== undefined ? { keyPrefix: o.prefix } : {}),
          ...(o.pathStyle ? { pathStyle: true } : {}),
          ...(o.accessKeyId ? { accessKeyId: o.accessKeyId } : {}),
          ...(secretAccessKey !== null ? { secretAccessKey } : {}),
          ...(o.session === false ? { sessionToken: null } : sessionToken ? { sessionToken, ...(expires ? { sessionExpiresAt: expires } : {}) } : {}),
        },
      });
      ctx.print(updated, () => `Updated ${hubLine(updated)}`);
    });

  hub
    .command('list')
    .description('list hubs (never their secrets)')
    .action(async () => {
      const hubs = await ctx.call('hubs.list', {});
      ctx.print(hubs, () => (hubs.length === 0 ? 'No hubs yet. Add one with: lectern hub add --help' : hubs.map(hubLine).join('\n')));
    });

  hub
    .command('test')
    .description('check list, write, read and delete on the hub, each separately')
    .argument('[hub]', 'hub id or name (default: the only hub)')
    .action(async (ref: string | undefined) => {
      const h = await resolveHub(ctx, ref);
      const report = await ctx.call('hubs.test', { hubId: h.id });
      const hint = report.reason === 'bucket-missing' ? `\nCreate it with: lectern hub create-bucket ${h.id}` : '';
      ctx.print(report, () => reportLines(report) + hint);
      if (!report.ok) process.exitCode = 1;
    });

  hub
    .command('share')
    .description("print the address students type into the library's Add hub form")
    .argument('[hub]', 'hub id or name (default: the only hub)')
    .action(async (ref: string | undefined) => {
      const h = await resolveHub(ctx, ref);
      ctx.print({ hubId: h.id, shareAddress: h.shareAddress }, () => h.shareAddress);
    });

  hub
    .command('create-bucket')
    .description("create the hub's bucket with its key (when the connection test says it is missing)")
    .argument('[hub]', 'hub id or name (default: the only hub)')
    .action(async (ref: string | undefined) => {
      const h = await resolveHub(ctx, ref);
      const r = await ctx.call('hubs.createBucket', { hubId: h.id });
      ctx.print(r, () => (r.created ? `Created bucket ${r.bucket} on ${h.name}.` : `Bucket ${r.bucket} already exists on ${h.name} and is yours; nothing to do.`));
    });

  hub
    .command('remove')
    .description('forget a hub and delete its keys from the keychain (what is on the hub stays)')
    .argument('<hub>', 'hub id or name')
    .action(async (ref: string) => {
      const h = await resolveHub(ctx, ref);
      const removed = await ctx.call('hubs.delete', { hubId: h.id });
      ctx.print(removed, () => `Removed ${h.name}`);
    });
}
