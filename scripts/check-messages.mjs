// Fails when the message catalogs disagree (a key in one language and not another), when a message is
// empty, or when a key is no longer used by any source file. Part of `npm run lint`.
// Two catalog folders, one file per language in each: the UI's (renderer) and the service messages main
// sends as ids (main/contract, also read by the CLI).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const CATALOG_SETS = [
  { dir: 'renderer/src/i18n/messages', sources: ['renderer/src'] },
  { dir: 'main/contract/messages', sources: ['main', 'renderer/src'] },
];
/** Keys read through the catalog itself rather than written in source (each language's own name). */
const USED_BY_CATALOG = new Set(['meta.languageName']);
/** Keys built from a prefix at run time (`area.${id}`): a key under one counts as used when the prefix is. */
const DYNAMIC_PREFIXES = ['area.', 'failure.', 'error.'];

const problems = [];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

let totals = [];
for (const set of CATALOG_SETS) {
  const catalogDir = join(root, set.dir);
  const catalogs = Object.fromEntries(
    readdirSync(catalogDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        const path = join(catalogDir, f);
        try {
          return [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path, 'utf8'))];
        } catch (err) {
          problems.push(`${relative(root, path)} is not valid JSON: ${err.message}`);
          return [f.replace(/\.json$/, ''), {}];
        }
      }),
  );

  const source = catalogs.en;
  if (!source) {
    problems.push(`${set.dir}/en.json (the source catalog) is missing`);
    continue;
  }
  for (const [lang, messages] of Object.entries(catalogs)) {
    for (const [key, text] of Object.entries(messages)) if (typeof text !== 'string' || text.trim() === '') problems.push(`${set.dir}/${lang}.json: "${key}" is empty`);
    if (lang === 'en') continue;
    for (const key of Object.keys(source)) if (!(key in messages)) problems.push(`${set.dir}/${lang}.json lacks "${key}" (present in en.json): add its translation`);
    for (const key of Object.keys(messages)) if (!(key in source)) problems.push(`${set.dir}/${lang}.json has "${key}", which en.json does not: add it to en.json or remove it`);
  }

  const allSource = set.sources
    .flatMap((d) => sourceFiles(join(root, d)))
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
  for (const key of Object.keys(source)) {
    if (USED_BY_CATALOG.has(key)) continue;
    if (allSource.includes(`'${key}'`) || allSource.includes(`"${key}"`)) continue;
    // A schema's field message is found by its English text (gettext-style): used while a schema says it.
    if (key.startsWith('issue.') && (allSource.includes(`'${source[key]}'`) || allSource.includes(`"${source[key]}"`))) continue;
    if (DYNAMIC_PREFIXES.some((p) => key.startsWith(p) && allSource.includes(`\`${p}`))) continue;
    problems.push(`${set.dir}/en.json: "${key}" is not used in ${set.sources.join(' or ')}: remove it from every catalog, or use it`);
  }
  totals.push(`${set.dir}: ${Object.keys(catalogs).length} languages, ${Object.keys(source).length} messages each`);
}

if (problems.length > 0) {
  console.error(`check-messages: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-messages: all used; ${totals.join('; ')}`);
