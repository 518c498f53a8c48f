import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp';
import { addLecture, addSection, lectures } from './support/drafts-ui';
import { test, expect } from './support/fixtures';
import { startHostProcess } from './support/host-process';

const files = tempDir('lectern-e2e-media-tools-');
test.afterAll(() => files.cleanup());

// An ffmpeg that lists every feature but fails real work, as the 2018 build did on the ladder's old flags.
test('the media panel says why this ffmpeg cannot build lecture video', async ({ page }) => {
  const fake = path.join(files.dir, 'ffmpeg');
  fs.writeFileSync(
    fake,
    '#!/bin/sh\ncase "$*" in\n  *-version*) echo "ffmpeg version 4.0-broken";;\n  *-encoders*) printf " V..... libx264 H.264\\n A..... aac AAC\\n";;\n  *-muxers*) echo " E hls HLS";;\n  *) echo "Invalid keyval name:720p" >&2; exit 1;;\nesac\n',
    { mode: 0o755 },
  );
  const dataDir = path.join(files.dir, 'data');
  const host = await startHostProcess(dataDir, 0, { LECTERN_FFMPEG: fake });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Create your first course' }).click();
    await addSection(page, 'Week 1');
    await addLecture(page, 0, 'Welcome');
    const row = lectures(page).nth(0);
    await row.getByTestId('media-summary').click();
    const problem = row.getByTestId('media-tools-problem');
    await expect(problem).toContainText(`${fake} (ffmpeg version 4.0-broken) failed Lectern's one-second trial video build`);
    await expect(problem).toContainText('Install a current ffmpeg');
  } finally {
    await host.stop();
  }
});
