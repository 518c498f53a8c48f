// A separate publisher process for the shared-hub tests, so many can run at once and one can be SIGKILLed.
// Usage: tsx publish-child.ts <json options> — see ChildOptions. Prints `waiting <host>`, `leased`,
// `end ok <version>` or `end error <message>`, one per line.
import path from 'node:path';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { newLeaseIdentity, type LeaseTiming } from '../../../main/services/leases/lease';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { Publisher } from '../../../main/services/uploads/publisher';
import { TEST_CREDENTIALS } from '../../helpers/s3-server';

export interface ChildOptions {
  dataDir: string;
  endpoint: string;
  bucket: string;
  prefix: string;
  host: string;
  courseId: string;
  title: string;
  packageDir: string;
  lease?: Partial<LeaseTiming> & { catalogWaitMs?: number };
  bandwidthLimit?: number;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const out = (line: string) => process.stdout.write(`${line}\n`);
const db = openDatabase(opts.dataDir, migrations);
const client = createS3Client({ endpoint: opts.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
const publisher = new Publisher({
  db,
  target: { client, bucket: opts.bucket, scope: `${opts.endpoint}|${opts.bucket}` },
  keyPrefix: opts.prefix,
  workDir: path.join(opts.dataDir, 'work'),
  identity: newLeaseIdentity(opts.host),
  ...(opts.lease ? { lease: opts.lease } : {}),
  engine: { retry: { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 1000 }, ...(opts.bandwidthLimit ? { bandwidthLimit: opts.bandwidthLimit, fileConcurrency: 1 } : {}) },
});
try {
  const r = await publisher.publish(
    { courseId: opts.courseId, title: opts.title, lectures: [{ id: 'l1', title: 'Welcome', packageDir: opts.packageDir }] },
    { onWaiting: (h) => out(`waiting ${h.host}`), onLeased: () => out('leased') },
  );
  out(`end ok ${r.version}`);
} catch (err) {
  out(`end error ${err instanceof Error ? err.message : String(err)}`);
} finally {
  client.destroy();
  db.close();
}
