#!/usr/bin/env node
// `npm start` rebuilds native modules for Electron's ABI (electron-builder install-app-deps); tests, the
// CLI and the test host run in Node. Rebuild for Node when a native module no longer loads here.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const stale = [];
for (const name of ['better-sqlite3', 'keytar']) {
  try {
    const mod = require(name);
    if (name === 'better-sqlite3') new mod(':memory:').close();
  } catch (err) {
    if (/NODE_MODULE_VERSION|was compiled against a different Node.js version|invalid ELF|Module did not self-register/.test(String(err))) stale.push(name);
    else throw err;
  }
}
if (stale.length) {
  console.log(`Rebuilding ${stale.join(', ')} for Node ${process.version} (they were built for Electron)…`);
  execSync(`npm rebuild ${stale.join(' ')}`, { stdio: 'inherit' });
}
