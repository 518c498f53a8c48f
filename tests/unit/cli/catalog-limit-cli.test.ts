import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../main/services/downloads/manifest';
import { LeaseManager } from '../../../main/services/leases/lease';
import { updateCatalog } from '../../../main/services/uploads/catalog-update';
import { runCliCaptured } from '../../helpers/cli';
import { MemoryHub } from '../../helpers/memory-hub';
import { tempDir } from '../../helpers/tmp';

/** `lectern catalog` on a hub too big to print whole: the first cards, and how many are left out. */
const tmp = tempDir('lectern-cli-catalog-limit-');
const hub = new MemoryHub();
const COURSES = 180;

const entry = (i: number): CatalogEntry => ({
  id: `c${String(i).padStart(4, '0')}`,
  title: `${i % 2 ? '데이터 분석' : 'Linear algebra'} ${String(i).padStart(4, '0')}`,
  version: 1,
  latest: `courses/c${i}/latest.json`,
});

beforeAll(async () => {
  const courses = Array.from({ length: COURSES }, (_, i) => entry(i));
  hub.put('catalog.json', JSON.stringify({ courses: courses.slice(0, -1) }));
  await updateCatalog(hub, new LeaseManager(hub, { owner: 'o', host: 'h', pid: 1 }), { put: courses.at(-1)! });
  await hub.listen();
});
afterAll(async () => {
  await hub.close();
  tmp.cleanup();
});

const cli = (...argv: string[]) => runCliCaptured(['--data-dir', tmp.dir, ...argv]);
const courseLines = (stdout: string) => stdout.split('\n').filter((l) => /^c\d{4} {2}/.test(l));

describe('lectern catalog --limit / --query', () => {
  it('lists 50 courses by default and says how many more there are', async () => {
    const run = await cli('catalog', '--hub', hub.url);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(courseLines(run.stdout)).toHaveLength(50);
    expect(run.stdout).toContain(`… and ${COURSES - 50} more; use --limit or --query`);
  });

  it('takes --limit and --query, offline too (after a restart: every cached course is searched)', async () => {
    const limited = await cli('catalog', '--offline', '--limit', '7');
    expect(courseLines(limited.stdout)).toHaveLength(7);
    expect(limited.stdout).toContain(`… and ${COURSES - 7} more`);

    const found = await cli('catalog', '--offline', '--query', '데이터 0179');
    expect(courseLines(found.stdout)).toEqual([expect.stringMatching(/^c0179 {2}데이터 분석 0179/)]);
    expect(found.stdout).not.toContain('more;');

    const all = await cli('--json', 'catalog', '--offline', '--query', 'linear', '--limit', '1000');
    const view = JSON.parse(all.stdout) as { total: number; courses: unknown[]; loading?: unknown };
    expect(view).toMatchObject({ total: COURSES / 2 });
    expect(view.courses).toHaveLength(COURSES / 2);
    expect(view.loading).toBeUndefined();
  });

  it('refuses a --limit that is not a whole number from 1 to 100,000, and --query with a different --search', async () => {
    for (const bad of ['0', '-3', '2.5', 'ten', '100001']) {
      const run = await cli('catalog', '--offline', '--limit', bad);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`--limit takes a whole number of courses from 1 to 100,000, not "${bad}".`);
    }
    const both = await cli('catalog', '--offline', '--query', 'a', '--search', 'b');
    expect(both).toMatchObject({ code: 1, stderr: expect.stringContaining('--search is another name for --query') });
  });
});
