#!/usr/bin/env node
// Enforces which folder may import what (in the spirit of VS Code's layer rules), so the Electron
// boundary stays where the security model puts it. Usage: node scripts/check-layers.mjs [repo-root]
// Imports are read with TypeScript's own pre-processor (import, import type, export … from, require,
// dynamic import, `import x = require`, /// <reference types>), not with regexes.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SCANNED = ['main', 'preload', 'renderer', 'scripts'];
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results']);

const under = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);
const isElectron = (spec) => spec === 'electron' || spec.startsWith('electron/');

/** Folders that run in plain Node (CLI, test host) and must never load Electron, even for types. */
const NODE_ONLY = ['main/services', 'main/ipc', 'main/cli', 'main/contract', 'main/security'];
/** The only places that may touch Electron at all (tests aside, which are not scanned). */
const ELECTRON_ALLOWED = ['main/electron', 'preload'];

/**
 * Each rule sees one import of one file and returns a message when it is refused.
 * `target` is the repo-relative path a relative import points at, or null for a package.
 */
const rules = [
  {
    name: 'electron-only-in-electron-layer',
    check: ({ file, spec }) =>
      isElectron(spec) && !ELECTRON_ALLOWED.some((d) => under(file, d))
        ? `only ${ELECTRON_ALLOWED.map((d) => `${d}/**`).join(' and ')} may import electron (not even types)`
        : null,
  },
  {
    name: 'node-layers-stay-out-of-electron-layer',
    check: ({ file, target }) =>
      target && NODE_ONLY.some((d) => under(file, d)) && (under(target, 'main/electron') || under(target, 'preload'))
        ? `${NODE_ONLY.map((d) => `${d}/**`).join(', ')} run without Electron and may not import the Electron layer`
        : null,
  },
  {
    name: 'contract-is-pure',
    check: ({ file, spec, target }) => {
      if (!under(file, 'main/contract')) return null;
      if (target ? under(target, 'main/contract') : spec === 'zod') return null;
      return 'main/contract/** may import only zod and main/contract/**';
    },
  },
  {
    name: 'renderer-is-a-web-page',
    check: ({ file, spec, target }) => {
      if (!under(file, 'renderer')) return null;
      if (target) {
        return under(target, 'renderer') || under(target, 'main/contract')
          ? null
          : 'renderer/** may import only renderer/** and main/contract/** from this repo';
      }
      if (isBuiltin(spec)) return 'renderer/** runs in a sandboxed page and may not import Node built-ins';
      return null;
    },
  },
  {
    name: 'preload-is-minimal',
    check: ({ file, spec, target }) => {
      if (!under(file, 'preload')) return null;
      if (target ? under(target, 'preload') || under(target, 'main/contract') : isElectron(spec)) return null;
      return 'preload/** may import only electron and main/contract/**';
    },
  },
];

function* walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(full);
    } else if (e.isFile() && SOURCE.test(e.name)) {
      yield full;
    }
  }
}

const toRel = (abs) => path.relative(root, abs).split(path.sep).join('/');
const lineOf = (text, pos) => text.slice(0, pos).split('\n').length;

/** Every module a file refers to, with the line it appears on. */
function importsOf(text) {
  const info = ts.preProcessFile(text, true, true);
  const refs = [...info.importedFiles, ...info.typeReferenceDirectives].map((r) => ({ spec: r.fileName, line: lineOf(text, r.pos) }));
  // `Electron.WebPreferences` needs no import: electron.d.ts declares a global namespace. Count it as one.
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === ts.SyntaxKind.Identifier && scanner.getTokenText() === 'Electron' && scanner.scan() === ts.SyntaxKind.DotToken) {
      refs.push({ spec: 'electron', line: lineOf(text, scanner.getTokenPos()), via: 'the global Electron namespace' });
    }
  }
  return refs;
}

const violations = [];
let files = 0;
for (const top of SCANNED) {
  for (const abs of walk(path.join(root, top))) {
    files++;
    const file = toRel(abs);
    const text = fs.readFileSync(abs, 'utf8');
    for (const { spec, line, via } of importsOf(text)) {
      const target = spec.startsWith('.') ? toRel(path.resolve(path.dirname(abs), spec)) : null;
      for (const rule of rules) {
        const message = rule.check({ file, spec, target });
        if (message) violations.push({ file, line, spec: via ?? `"${spec}"`, rule: rule.name, message });
      }
    }
  }
}

if (violations.length) {
  for (const v of violations) console.error(`${v.file}:${v.line}  uses ${v.spec}  [${v.rule}] ${v.message}`);
  console.error(`\ncheck-layers: ${violations.length} layer violation(s) in ${files} files. See docs/ARCHITECTURE.md, "Layers".`);
  process.exit(1);
}
console.log(`check-layers: ${files} files, no layer violations`);
