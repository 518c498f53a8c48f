import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const script = path.resolve(import.meta.dirname, '../../../scripts/check-layers.mjs');

function tree(files: Record<string, string>): { dir: string; cleanup(): void } {
  const tmp = tempDir('lectern-layers-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, rel), text);
  }
  return tmp;
}

function check(dir: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A tree that follows every rule, so each bad case below differs from it by one import. */
const good: Record<string, string> = {
  'main/contract/channels.ts': "import { z } from 'zod';\nimport type { Course } from './types';\n",
  'main/contract/types.ts': 'export interface Course { id: string }\n',
  'main/services/drafts.ts': "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport type { Course } from '../contract/types';\n",
  'main/ipc/dispatch.ts': "import { channels } from '../contract/channels';\nimport type { Drafts } from '../services/drafts';\n",
  'main/electron/window.ts': "import { BrowserWindow } from 'electron';\nimport { dispatch } from '../ipc/dispatch';\n",
  'preload/index.ts': "import { contextBridge } from 'electron';\nimport { createLecternApi } from '../main/contract/bridge';\nconst f = (e: Electron.IpcRendererEvent) => e;\n",
  'renderer/src/App.tsx': "import { useState } from 'react';\nimport type { Course } from '../../main/contract/types';\nimport './styles.css';\n",
  'scripts/tool.mjs': "import path from 'node:path';\n",
};

const cases: { name: string; file: string; text: string; rule: string; shows: string }[] = [
  { name: 'services importing electron', file: 'main/services/bad.ts', text: "import { app } from 'electron';\n", rule: 'electron-only-in-electron-layer', shows: '"electron"' },
  { name: 'a type-only electron import in ipc', file: 'main/ipc/bad.ts', text: "import type { WebContents } from 'electron';\n", rule: 'electron-only-in-electron-layer', shows: '"electron"' },
  { name: 'the global Electron namespace in cli', file: 'main/cli/bad.ts', text: 'export type P = Electron.WebPreferences;\n', rule: 'electron-only-in-electron-layer', shows: 'the global Electron namespace' },
  { name: 'require of an electron subpath in security', file: 'main/security/bad.cjs', text: "const { ipcMain } = require('electron/main');\n", rule: 'electron-only-in-electron-layer', shows: '"electron/main"' },
  { name: 'dynamic import of electron in services', file: 'main/services/lazy.ts', text: "export const load = () => import('electron');\n", rule: 'electron-only-in-electron-layer', shows: '"electron"' },
  { name: 'a reference directive to electron types', file: 'main/contract/ref.ts', text: '/// <reference types="electron" />\nexport {};\n', rule: 'electron-only-in-electron-layer', shows: '"electron"' },
  { name: 'services importing the Electron layer', file: 'main/services/policy.ts', text: "import { APP_ORIGIN } from '../electron/security-policy';\n", rule: 'node-layers-stay-out-of-electron-layer', shows: '"../electron/security-policy"' },
  { name: 'the contract importing a Node built-in', file: 'main/contract/bad.ts', text: "import fs from 'node:fs';\n", rule: 'contract-is-pure', shows: '"node:fs"' },
  { name: 'the contract importing services', file: 'main/contract/bad2.ts', text: "export type { Drafts } from '../services/drafts';\n", rule: 'contract-is-pure', shows: '"../services/drafts"' },
  { name: 'the renderer importing a service', file: 'renderer/src/bad.ts', text: "import { openDatabase } from '../../main/services/db/database';\n", rule: 'renderer-is-a-web-page', shows: '"../../main/services/db/database"' },
  { name: 'the renderer importing a Node built-in', file: 'renderer/src/bad2.ts', text: "import { readFileSync } from 'fs';\n", rule: 'renderer-is-a-web-page', shows: '"fs"' },
  { name: 'the renderer importing electron', file: 'renderer/src/bad3.tsx', text: "import { ipcRenderer } from 'electron';\n", rule: 'electron-only-in-electron-layer', shows: '"electron"' },
  { name: 'preload importing a package', file: 'preload/extra.ts', text: "import { z } from 'zod';\n", rule: 'preload-is-minimal', shows: '"zod"' },
  { name: 'preload importing services', file: 'preload/extra2.ts', text: "import { x } from '../main/services/drafts';\n", rule: 'preload-is-minimal', shows: '"../main/services/drafts"' },
  { name: 'a script importing electron', file: 'scripts/bad.mjs', text: "import 'electron';\n", rule: 'electron-only-in-electron-layer', shows: '"electron"' },
];

describe('scripts/check-layers.mjs', () => {
  const trees: { cleanup(): void }[] = [];
  afterAll(() => trees.forEach((t) => t.cleanup()));

  it('accepts a tree that follows the rules (incl. Electron in main/electron and preload)', () => {
    const t = tree(good);
    trees.push(t);
    const r = check(t.dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/8 files, no layer violations/);
    expect(r.status).toBe(0);
  });

  it.each(cases)('refuses $name, naming file, line, import and rule', ({ file, text, rule, shows }) => {
    const t = tree({ ...good, [file]: `// a comment line first\n${text}` });
    trees.push(t);
    const r = check(t.dir);
    expect(r.status).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.startsWith(`${file}:`) && l.includes(`[${rule}]`));
    expect(line, r.stderr).toBeDefined();
    expect(line).toContain(`${file}:2 `);
    expect(line).toContain(shows);
    expect(r.stderr).toMatch(/layer violation\(s\)/);
  });

  it('does not count "Electron." inside strings or comments, and ignores node_modules', () => {
    const t = tree({
      ...good,
      'main/services/words.ts': "// Electron.app is not used here\nexport const s = 'Electron.app';\n",
      'main/services/node_modules/pkg/index.js': "require('electron');\n",
    });
    trees.push(t);
    expect(check(t.dir).status).toBe(0);
  });
});
