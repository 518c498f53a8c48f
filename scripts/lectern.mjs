#!/usr/bin/env node
// The `lectern` command: runs the CLI from the build (npm run build), which bundles main-process services.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('lectern: the CLI is not built yet. Run: npm run build\n');
  process.exit(1);
}
const { runCli } = await import(cli);
process.exit(await runCli(process.argv.slice(2)));
