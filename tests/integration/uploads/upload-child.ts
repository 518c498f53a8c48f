// A separate process that uploads (or resumes) one file to the test S3 server, so the test can SIGKILL it
// at any moment. Usage: tsx upload-child.ts <dataDir> <endpoint> <bucket> <file> <key> [bytesPerSecond] [partsInFlight]
// Prints one line per engine event (`part sending 3`, `multipart created <id>` …) and `end ok` or `end error <message>`.
import path from 'node:path';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { createS3Client } from '../../../main/services/s3/s3-client';
import { UploadEngine } from '../../../main/services/uploads/upload-engine';
import { TEST_CREDENTIALS } from '../../helpers/s3-server';

const [dataDir = '', endpoint = '', bucket = '', file = '', key = '', limit = '0', inFlight = '4'] = process.argv.slice(2);
const db = openDatabase(dataDir, migrations);
const client = createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
const out = (line: string) => process.stdout.write(`${line}\n`);
const engine = new UploadEngine({
  db,
  target: { client, bucket, scope: `kill|${bucket}` },
  partSize: 8 * 1024 * 1024,
  partConcurrency: Number(inFlight),
  // Slowed down so the test's kill lands while parts are in flight, not after loopback already sent them.
  ...(Number(limit) > 0 ? { bandwidthLimit: Number(limit) } : {}),
  retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
  onEvent: (e) => {
    if (e.type === 'part') out(`part ${e.state} ${e.partNumber}`);
    else if (e.type === 'multipart') out(`multipart ${e.state} ${e.uploadId} ${e.detail ?? ''}`);
    else if (e.type === 'retry') out(`retry ${e.what} ${e.detail}`);
  },
});
try {
  for (const s of await engine.sweepOrphans(`${path.posix.dirname(key)}/`, 0)) out(`swept ${s.uploadId}`);
  await engine.uploadFiles([{ path: file, key }]);
  out('end ok');
} catch (err) {
  out(`end error ${err instanceof Error ? err.message : String(err)}`);
} finally {
  client.destroy();
  db.close();
}
