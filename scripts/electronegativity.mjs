#!/usr/bin/env node
// `npm run security`: Doyensec's Electronegativity over the Electron-facing sources, as a gate.
// The tool itself exits 0 whatever it finds, and its CLI does not start with the commander version
// npm hoists here, so this wrapper calls its runner directly, writes SARIF, reads the SARIF back and
// fails on every finding that the checked-in exception list does not explain.
//
// Usage: node scripts/electronegativity.mjs [--root <dir>] [--exceptions <file>] [--sarif <file>] [dir …]
// (defaults: this repo, .electronegativity-exceptions.json, test-results/electronegativity.sarif, main preload;
// dirs are relative to --root, which the tests point at a fixture tree)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: 'string', default: repo },
    exceptions: { type: 'string', default: path.join(repo, '.electronegativity-exceptions.json') },
    sarif: { type: 'string', default: path.join(repo, 'test-results/electronegativity.sarif') },
  },
});
const root = path.resolve(values.root);
const dirs = positionals.length ? positionals : ['main', 'preload'];

/** @typedef {{ rule: string, file: string | null, justification: string }} Exception */

/** @returns {Exception[]} */
function readExceptions(file) {
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of { rule, file, justification }`);
  list.forEach((e, i) => {
    if (typeof e?.rule !== 'string' || !(typeof e.file === 'string' || e.file === null) || typeof e.justification !== 'string' || e.justification.trim().length < 20) {
      throw new Error(`${file}: entry ${i} needs "rule", "file" (a repo-relative path, or null for an application-wide check) and a written "justification"`);
    }
  });
  return list;
}

/** The installed Electron's version, read as a file: this script must not load the electron module. */
function electronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/**
 * Scans one staged copy of all `dirs`, so the tool's application-wide checks (navigation limits,
 * permission handler, CSP) see main and preload together and report repo-relative paths.
 */
async function scan(sarifFile) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-electronegativity-'));
  try {
    for (const dir of dirs) fs.cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true });
    fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
    fs.rmSync(sarifFile, { force: true });
    const run = require('@doyensec/electronegativity');
    const result = await run(
      {
        input: stage,
        output: sarifFile,
        isSarif: true,
        isRelative: true,
        // Without this it guesses from a package.json it does not have in the staged copy.
        electronVersionOverride: electronVersion(),
        customScan: [],
        excludeFromScan: [],
      },
      false,
    );
    // A file the tool could not parse is a file it did not check: that must not pass silently.
    const unparsed = result.errors.filter((e) => !e.tolerable);
    if (unparsed.length) {
      throw new Error(`Electronegativity could not parse:\n${unparsed.map((e) => `  ${path.relative(stage, e.file)}: ${e.message}`).join('\n')}`);
    }
    return result.atomicChecks + result.globalChecks;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * The runner starts fs.writeFile for the SARIF and returns without waiting for it, so read until the
 * file parses (a partly written JSON document never does).
 */
async function readSarif(sarifFile) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Electronegativity did not finish writing ${sarifFile}: ${err.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Findings as the SARIF file records them; application-wide checks have no file (uri "file:///"). */
async function readFindings(sarifFile) {
  const sarif = await readSarif(sarifFile);
  return sarif.runs.flatMap((run) =>
    run.results.map((r) => {
      const loc = r.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri ?? 'file:///';
      return {
        rule: r.ruleId,
        file: uri === 'file:///' ? null : uri.split(path.sep).join('/'),
        line: loc?.region?.startLine ?? 1,
        message: r.message?.text ?? '',
        review: r.level === 'note',
      };
    }),
  );
}

const exceptions = readExceptions(values.exceptions);
const checks = await scan(values.sarif);
const findings = await readFindings(values.sarif);

const used = new Set();
const unexplained = findings.filter((f) => {
  const i = exceptions.findIndex((e) => e.rule === f.rule && e.file === f.file);
  if (i >= 0) used.add(i);
  return i < 0;
});
const stale = exceptions.filter((_, i) => !used.has(i));

const where = (f) => (f.file ? `${f.file}:${f.line}` : '(application-wide)');
console.log(`electronegativity: ${checks} checks over ${dirs.join(', ')}; ${findings.length} finding(s), ${findings.length - unexplained.length} explained by ${path.relative(process.cwd(), values.exceptions)}; SARIF at ${path.relative(process.cwd(), values.sarif)}`);
for (const f of unexplained) console.error(`  ${f.rule}  ${where(f)}  ${f.message}${f.review ? ' (manual review)' : ''}`);
for (const e of stale) console.error(`  stale exception: ${e.rule} in ${e.file ?? '(application-wide)'} no longer matches a finding; remove it`);
if (unexplained.length || stale.length) {
  console.error(
    `\nelectronegativity: ${unexplained.length} unexplained finding(s), ${stale.length} stale exception(s). Fix the code, or add an entry with a justification to ${path.relative(process.cwd(), values.exceptions)}.`,
  );
  process.exit(1);
}
