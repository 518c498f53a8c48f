import { test, expect } from './support/fixtures';

test('the Updates page walks available → downloading → ready with the scripted updater', async ({ page, host }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(host.url);
  await page.keyboard.press('Control+4');
  const panel = page.getByTestId('updates');
  await expect(panel.getByRole('heading', { name: 'Updates' })).toBeVisible();
  await expect(page.getByTestId('updates-current')).toHaveText('1.0.0-test-host');
  await expect(page.getByTestId('updates-last-check')).toHaveText('Never');

  await page.getByTestId('updates-check').click();
  await expect(panel.getByText('Lectern 9.9.0')).toBeVisible();
  await expect(panel.getByText('(96.0 MB)')).toBeVisible();
  // Notes arrive as HTML in the feed; the page shows text only.
  await expect(page.getByTestId('updates-notes')).toHaveText('Faster ladders\n\n• Updates page');
  await expect(page.getByTestId('updates-last-check')).not.toHaveText('Never');

  await page.getByTestId('updates-download').click();
  const progress = page.getByTestId('updates-progress');
  await expect(progress).toBeVisible();
  await expect(panel.getByText(/MB\/s/)).toBeVisible();

  const restart = page.getByTestId('updates-install');
  await expect(restart).toBeVisible({ timeout: 10_000 });
  await expect(panel.getByText('Lectern 9.9.0 is downloaded and verified.')).toBeVisible();
  // Everything the page needs fits the smallest supported window.
  const box = await restart.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(640);

  // The channel persists (SQLite) across a reload.
  await page.getByTestId('updates-channel').selectOption('beta');
  await page.reload();
  await page.keyboard.press('Control+4');
  await expect(page.getByTestId('updates-channel')).toHaveValue('beta');
});
