import { createMemorySecretStore } from '../../../main/services/credentials/secret-store';
import { createDispatcher } from '../../../main/ipc/dispatch';
import { createHandlers } from '../../../main/ipc/handlers';
import { headlessShell } from '../../../main/ipc/host-shell';
import { openAppServices } from '../../../main/services/app-services';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { textOfLength } from './text';

/**
 * Child process for sigkill-edits.test.ts: autosave-like edits through the real dispatcher until it is
 * killed. `committed <n>` is printed only after the update resolved; stdout to a pipe is synchronous on
 * Linux, so a printed length was committed before the parent could see it.
 * Usage: tsx edit-burst-child.ts <data-dir> <course-id>
 */
const [dataDir, courseId] = process.argv.slice(2);
if (!dataDir || !courseId) throw new Error('usage: edit-burst-child.ts <data-dir> <course-id>');

const log = createMemoryLogger();
const services = openAppServices({ dataDir, version: 'durability-test', log, secrets: createMemorySecretStore() });
const dispatch = createDispatcher(createHandlers(services, headlessShell), log);

let length = services.drafts.getCourse(courseId).description.length;
process.stdout.write(`ready ${length}\n`);
for (;;) {
  length++;
  const result = await dispatch('courses.update', { courseId, patch: { description: textOfLength(length) } });
  if (!result.ok) {
    process.stderr.write(`update failed at length ${length}: ${result.error.message}\n`);
    process.exit(2);
  }
  process.stdout.write(`committed ${length}\n`);
  await new Promise((resolve) => setTimeout(resolve, 2));
}
