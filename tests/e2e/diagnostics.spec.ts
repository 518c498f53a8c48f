import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { queueDialogAnswer } from './support/host-process';

test('Settings exports diagnostics into the chosen folder and says where; a missing folder is a clear error', async ({ page, host }) => {
  await page.goto(host.url);
  await page.keyboard.press('Control+4');
  const panel = page.getByTestId('diagnostics');
  await expect(panel.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  const button = page.getByTestId('diagnostics-export');

  // Cancelling the folder dialog leaves the page as it was.
  await queueDialogAnswer(host, null);
  await button.click();
  await expect(button).toHaveText('Export diagnostics…');
  await expect(page.getByTestId('diagnostics-status')).toHaveCount(0);

  const missing = path.join(host.dataDir, 'not-there');
  await queueDialogAnswer(host, missing);
  await button.click();
  await expect(page.getByTestId('diagnostics-error')).toContainText(`The folder ${missing} does not exist`);

  const out = path.join(host.dataDir, 'support');
  fs.mkdirSync(out);
  await queueDialogAnswer(host, out);
  await button.click();
  const shown = page.getByTestId('diagnostics-path');
  await expect(shown).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('diagnostics-error')).toHaveCount(0);
  const folder = (await shown.textContent()) ?? '';
  expect(path.dirname(folder)).toBe(out);
  expect(fs.readdirSync(folder).sort()).toEqual(['log.jsonl', 'queues.json', 'summary.json']);
  const summary = JSON.parse(fs.readFileSync(path.join(folder, 'summary.json'), 'utf8')) as { app: { version: string } };
  expect(summary.app.version).toBe('1.0.0-test-host');
});
