import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from './test-host';

// `npm run host`: start the test host and print the URL to open in a browser.
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-host-'));
const host = await startTestHost({ dataDir, port: Number(values.port) });
// Tests wait for this exact line.
process.stdout.write(`LECTERN_TEST_HOST_READY ${host.url} ${dataDir}\n`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
