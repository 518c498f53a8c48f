#!/usr/bin/env node
// Runs the media tests against the ffmpeg/ffprobe the packaged app ships (the bundled npm builds), not the
// system ones: `npm run test:media-shipped [-- <vitest args>]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
const ffprobe = require('ffprobe-static').path;
for (const bin of [ffmpeg, ffprobe]) {
  if (!fs.existsSync(bin)) {
    console.error(`test:media-shipped: the shipped binary ${bin} is missing; run npm ci on a supported platform.`);
    process.exit(1);
  }
  // npm 11 may skip the installers' postinstall chmod.
  fs.chmodSync(bin, 0o755);
}
console.log(`test:media-shipped: LECTERN_FFMPEG=${ffmpeg} LECTERN_FFPROBE=${ffprobe}`);
const args = ['vitest', 'run', 'tests/integration/media', 'tests/unit/media', ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, LECTERN_FFMPEG: ffmpeg, LECTERN_FFPROBE: ffprobe } });
process.exit(r.status ?? 1);
