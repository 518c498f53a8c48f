import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const script = path.resolve(import.meta.dirname, '../../../scripts/electronegativity.mjs');

/** The gate must actually catch things: an insecure window in a fixture tree must fail it. */
describe('scripts/electronegativity.mjs', () => {
  const tmp = tempDir('lectern-en-');
  afterAll(() => tmp.cleanup());

  it('fails on findings the exception list does not explain and on stale exceptions, and writes SARIF', () => {
    fs.mkdirSync(path.join(tmp.dir, 'main'));
    fs.writeFileSync(
      path.join(tmp.dir, 'main/window.js'),
      [
        "const { BrowserWindow } = require('electron');",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "win.loadURL('http://example.com/');",
        '',
      ].join('\n'),
    );
    const exceptions = path.join(tmp.dir, 'exceptions.json');
    fs.writeFileSync(
      exceptions,
      JSON.stringify([
        { rule: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/window.js', justification: 'explained on purpose so the test sees it filtered out' },
        { rule: 'DANGEROUS_FUNCTIONS_JS_CHECK', file: 'main/gone.js', justification: 'matches nothing, so it must be reported as stale' },
      ]),
    );
    const sarif = path.join(tmp.dir, 'out.sarif');
    const r = spawnSync(process.execPath, [script, '--root', tmp.dir, '--exceptions', exceptions, '--sarif', sarif, 'main'], { encoding: 'utf8', timeout: 120_000 });

    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/NODE_INTEGRATION_JS_CHECK {2}main\/window\.js:2/);
    expect(r.stderr).not.toMatch(/CONTEXT_ISOLATION_JS_CHECK {2}main/);
    expect(r.stderr).toMatch(/stale exception: DANGEROUS_FUNCTIONS_JS_CHECK in main\/gone\.js/);
    const results = (JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results.map((x) => x.ruleId);
    expect(results).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
  }, 150_000);

  it('refuses an exception without a written justification', () => {
    const exceptions = path.join(tmp.dir, 'lazy.json');
    fs.writeFileSync(exceptions, JSON.stringify([{ rule: 'SANDBOX_JS_CHECK', file: 'main/window.js', justification: 'ok' }]));
    const r = spawnSync(process.execPath, [script, '--root', tmp.dir, '--exceptions', exceptions, '--sarif', path.join(tmp.dir, 'x.sarif'), 'main'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/entry 0 needs .* a written "justification"/);
  });
});
