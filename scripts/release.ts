// npm run release -- --channel stable|beta --hub <name or id> [--rollout <percent>] [--skip-package] [--dist <dir>]
// npm run release -- --channel stable|beta --hub <name or id> --staging <percent>
//
// Packages Lectern with electron-builder (where Electron can be downloaded), then publishes the
// artifacts, blockmaps and the channel's latest*.yml / beta*.yml to the hub's releases/ folder with
// Lectern's resumable upload engine, the feed last. `--staging` only changes the published release's
// rollout percentage (0 stops it) without uploading anything else. The hub is a hub profile of the data
// folder (`--data-dir`, $LECTERN_DATA_DIR, or the app's own); its secret comes from the OS keychain.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { defaultDataDir } from '../main/cli/data-dir';
import { createKeychainSecretStore } from '../main/services/credentials/keychain-secret-store';
import { openDatabase } from '../main/services/db/database';
import { HubProfiles } from '../main/services/hub/hub-profiles';
import { createFileLogger } from '../main/services/log/logger';
import { releaseFeedUrl } from '../main/services/releases/feed-url';
import { publishRelease, setReleaseStaging } from '../main/services/releases/release-publisher';

const percent = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('a whole percentage from 0 to 100');
  return n;
};

const program = new Command('release')
  .requiredOption('--channel <channel>', 'stable or beta', (v) => {
    if (v !== 'stable' && v !== 'beta') throw new InvalidArgumentError('stable or beta');
    return v as 'stable' | 'beta';
  })
  .requiredOption('--hub <hub>', 'hub profile name or id (see `lectern hub list`)')
  .option('--staging <percent>', 'change the published release\'s rollout percentage only (0 stops it)', percent)
  .option('--rollout <percent>', 'publish the new release to this percentage of users', percent)
  .option('--skip-package', 'publish what is already in --dist instead of packaging')
  .option('--dist <dir>', 'electron-builder output folder', 'dist')
  .option('--feed-url <url>', 'public address of the releases/ folder (a CDN); default: derived from the hub')
  .option('--data-dir <dir>', 'Lectern data folder holding the hub profile')
  .parse();

const opts = program.opts<{ channel: 'stable' | 'beta'; hub: string; staging?: number; rollout?: number; skipPackage?: boolean; dist: string; feedUrl?: string; dataDir?: string }>();

async function main(): Promise<void> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const db = openDatabase(dataDir);
  const log = createFileLogger(dataDir);
  try {
    const hubs = new HubProfiles({ db, secrets: createKeychainSecretStore() });
    const hub = (await hubs.list()).find((h) => h.id === opts.hub || h.name === opts.hub);
    if (!hub) throw new Error(`No hub named "${opts.hub}" in ${dataDir}. Add it with \`lectern hub add\` or pass --data-dir.`);
    const conn = await hubs.connect(hub.id);
    const target = { client: conn.client, bucket: conn.bucket, keyPrefix: conn.keyPrefix, scope: conn.scope };
    const t0 = performance.now();
    if (opts.staging !== undefined) {
      const r = await setReleaseStaging({ db, target, channel: opts.channel, percent: opts.staging, log: log.child('release') });
      console.log(`${opts.channel} ${r.version} now rolls out to ${opts.staging}% (${r.feeds.join(', ')})`);
      return;
    }
    const feedUrl = opts.feedUrl ?? releaseFeedUrl(hub);
    if (!opts.skipPackage) {
      for (const [cmd, args] of [['npm', ['run', 'build']], ['npx', ['electron-builder', '--publish', 'never']]] as const) {
        const r = spawnSync(cmd, [...args], { stdio: 'inherit', env: { ...process.env, LECTERN_UPDATE_URL: feedUrl } });
        if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}). Fix the build, or publish existing artifacts with --skip-package --dist <dir>.`);
      }
    }
    let last = 0;
    const r = await publishRelease({
      db,
      target,
      distDir: path.resolve(opts.dist),
      channel: opts.channel,
      ...(opts.rollout !== undefined ? { stagingPercent: opts.rollout } : {}),
      log: log.child('release'),
      onEvent: (e) => {
        if (e.type !== 'progress' || performance.now() - last < 1000) return;
        last = performance.now();
        process.stderr.write(`  ${(e.bytesDone / 1048576).toFixed(1)} / ${(e.bytesTotal / 1048576).toFixed(1)} MiB, ${(e.bytesPerSecond / 1048576).toFixed(1)} MiB/s\n`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`published ${r.channel} ${r.version}: ${r.artifacts} files, ${r.bytes} bytes, feeds ${r.feeds.join(', ')} in ${seconds.toFixed(1)} s`);
    console.log(`feed: ${feedUrl}`);
  } finally {
    log.close();
    db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
