import type { MediaJob } from '../../../main/contract/types';
import { open } from './services';

/**
 * Child for sigkill.test.ts: opens the data folder (which starts the queued jobs) and prints a line
 * when the ladder is under way, so the parent can SIGKILL it mid-encode.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: kill-child.ts <data-dir>');
open(dataDir, {
  emit: (name, payload) => {
    const job = payload as MediaJob;
    if (name === 'media.job' && job.kind === 'ladder' && job.status === 'running' && job.percent > 0) process.stdout.write(`ladder-running ${job.percent}\n`);
  },
});
