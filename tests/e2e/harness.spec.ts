import { test, expect } from './support/fixtures';
import { queueDialogAnswer } from './support/host-process';

test('the renderer loads in Chromium and reaches main over the contract', async ({ page, host }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(host.url);
  const info = await page.evaluate(() => window.lectern.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { dataDir: host.dataDir } });
  expect(errors).toEqual([]);
});

test('the contract rejects unknown channels, wrong types and extra fields, and main keeps working', async ({ page, host }) => {
  await page.goto(host.url);
  const results = await page.evaluate(async () => {
    const raw = window.lectern as unknown as { invoke(c: string, i: unknown): Promise<unknown> };
    return {
      unknown: await raw.invoke('fs.readFile', { path: '/etc/passwd' }),
      wrongType: await raw.invoke('courses.create', { title: 42 }),
      extra: await raw.invoke('courses.create', { title: 'x', admin: true }),
      after: await window.lectern.invoke('courses.list', {}),
    };
  });
  expect(results.unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  expect(results.wrongType).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(results.extra).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('"admin"') } });
  expect(results.after).toEqual({ ok: true, value: [] });
});

test('a page from another origin cannot open the IPC socket', async ({ page, host }) => {
  await page.goto('about:blank');
  const opened = await page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(url.replace('http', 'ws') + '__lectern/ipc');
        ws.onopen = () => resolve(true);
        ws.onerror = () => resolve(false);
      }),
    host.url,
  );
  expect(opened).toBe(false);
});

test('native dialogs are scripted through the test hook', async ({ page, host }) => {
  await page.goto(host.url);
  await queueDialogAnswer(host, '/tmp/강의 1.mp4');
  const picked = await page.evaluate(() => window.lectern.invoke('dialog.pickVideoFile', {}));
  expect(picked).toEqual({ ok: true, value: { filePath: '/tmp/강의 1.mp4' } });
  const cancelled = await page.evaluate(() => window.lectern.invoke('dialog.pickVideoFile', {}));
  expect(cancelled).toEqual({ ok: true, value: { filePath: null } });
});
