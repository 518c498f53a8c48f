// A separate process that downloads (or resumes, or verifies) one lecture, so the test can SIGKILL it
// at any moment. Usage: tsx download-child.ts <dataDir> <hubUrl> <manifestPath> <lectureId> [verify]
// Prints `id <id>`, `verify <checked> <refetch>` in verify mode, and `end <state> <error>` at the end.
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../../main/services/credentials/secret-store';
import { openDatabase } from '../../../main/services/db/database';
import { migrations } from '../../../main/services/db/migrations';
import { DownloadManager } from '../../../main/services/downloads/download-manager';

const [dataDir = '', hubUrl = '', manifestPath = '', lectureId = '', mode = 'download'] = process.argv.slice(2);

/** Stands in for the OS keychain across processes (the real one is keytar; see credentials/). */
function fileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const write = (data: Record<string, string>) => {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(data));
    fs.renameSync(`${file}.tmp`, file);
  };
  return {
    get: async (k) => read()[k] ?? null,
    set: async (k, v) => write({ ...read(), [k]: v }),
    delete: async (k) => {
      const data = read();
      const had = k in data;
      delete data[k];
      write(data);
      return had;
    },
  };
}

const db = openDatabase(dataDir, migrations);
const manager = new DownloadManager({
  db,
  libraryDir: path.join(dataDir, 'library'),
  secrets: fileSecretStore(path.join(dataDir, 'secrets.json')),
  retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 100 },
  onEvent: () => {},
});
let id = manager.list()[0]?.id;
if (id === undefined) id = (await manager.add({ hubBaseUrl: hubUrl, manifestPath, lectureId, quality: { kind: 'highest' } })).id;
process.stdout.write(`id ${id}\n`);
if (mode === 'verify') {
  const report = await manager.verify(id);
  process.stdout.write(`verify ${report.checked} ${report.refetch}\n`);
}
await manager.start(id);
const s = manager.get(id);
process.stdout.write(`end ${s.state} ${s.error ?? ''}\n`);
db.close();
