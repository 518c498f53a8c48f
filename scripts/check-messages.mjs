// Fails when the message catalogs disagree (a key in one language and not another) or when a key is no
// longer used by any renderer source file. Part of `npm run lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const catalogDir = join(root, 'renderer/src/i18n/messages');
const srcDir = join(root, 'renderer/src');

/** Keys read through the catalog itself rather than written in source (each language's own name). */
const USED_BY_CATALOG = new Set(['meta.languageName']);
/** Keys built from a prefix at run time (`area.${id}`): a key under one counts as used when the prefix is. */
const DYNAMIC_PREFIXES = ['area.'];

const problems = [];
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
if (!source) problems.push('renderer/src/i18n/messages/en.json (the source catalog) is missing');

for (const [lang, messages] of Object.entries(catalogs)) {
  if (lang === 'en' || !source) continue;
  for (const key of Object.keys(source)) if (!(key in messages)) problems.push(`${lang}.json lacks "${key}" (present in en.json): add its translation`);
  for (const key of Object.keys(messages)) if (!(key in source)) problems.push(`${lang}.json has "${key}", which en.json does not: add it to en.json or remove it`);
  for (const [key, text] of Object.entries(messages)) if (typeof text !== 'string' || text.trim() === '') problems.push(`${lang}.json: "${key}" is empty`);
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const allSource = sourceFiles(srcDir)
  .map((p) => readFileSync(p, 'utf8'))
  .join('\n');
for (const key of Object.keys(source ?? {})) {
  if (USED_BY_CATALOG.has(key)) continue;
  if (allSource.includes(`'${key}'`) || allSource.includes(`"${key}"`)) continue;
  if (DYNAMIC_PREFIXES.some((p) => key.startsWith(p) && allSource.includes(`\`${p}`))) continue;
  problems.push(`en.json: "${key}" is not used in renderer/src: remove it from every catalog, or use it`);
}

if (problems.length > 0) {
  console.error(`check-messages: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-messages: ${Object.keys(catalogs).length} catalogs, ${Object.keys(source).length} messages each, all used`);
