import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = tempDir('lectern-example-');
afterAll(() => tmp.cleanup());

it('scripts/examples/author-course.sh builds the outline it promises from a shell', () => {
  const out = execFileSync('bash', [path.join(root, 'scripts/examples/author-course.sh')], {
    cwd: root,
    env: { ...process.env, LECTERN: `npx tsx main/cli/lectern.ts --data-dir ${path.join(tmp.dir, 'data')}` },
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(out).toMatch(/Signals 101 — Nyquist and friends\n.*\n1\. Basics\n {3}1\.1 Aliasing {2}\[draft\]\n {3}1\.2 Filters {2}\[draft\]\n {3}1\.3 Sampling {2}\[ready, free preview\]\n2\. Filtering\n$/);
}, 200_000);
