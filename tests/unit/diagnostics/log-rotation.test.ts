import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, logFiles } from '../../../main/services/log/logger';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-log-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const messages = (file: string) => lines(file).map((l) => (JSON.parse(l) as { message: string }).message);

describe('file logger rotation', () => {
  it('caps the current file and keeps the configured number of generations, dropping the oldest', () => {
    const dataDir = tempDir();
    const log = createFileLogger(dataDir, { maxBytes: 1000, generations: 3 });
    for (let i = 0; i < 200; i++) log.log('info', `line ${i}`, { pad: 'x'.repeat(40) });
    log.close();
    const dir = path.join(dataDir, 'logs');
    expect(fs.readdirSync(dir).sort()).toEqual(['lectern.log', 'lectern.log.1', 'lectern.log.2', 'lectern.log.3']);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1000);
    // Reading oldest → newest gives consecutive lines ending at the last one written.
    const all = logFiles(dataDir, 3).flatMap(messages);
    expect(all.at(-1)).toBe('line 199');
    const first = Number(all[0]?.split(' ')[1]);
    expect(all).toEqual(Array.from({ length: 200 - first }, (_, i) => `line ${first + i}`));
    expect(first).toBeGreaterThan(0);
  });

  it('continues an existing file after a restart and rotates by its size on disk', () => {
    const dataDir = tempDir();
    const first = createFileLogger(dataDir, { maxBytes: 400 });
    first.log('info', 'before restart', { pad: 'x'.repeat(200) });
    first.close();
    const second = createFileLogger(dataDir, { maxBytes: 400 });
    second.log('info', 'after restart', { pad: 'x'.repeat(200) });
    second.close();
    const dir = path.join(dataDir, 'logs');
    expect(messages(path.join(dir, 'lectern.log.1'))).toEqual(['before restart']);
    expect(messages(path.join(dir, 'lectern.log'))).toEqual(['after restart']);
  });

  it('writes a line longer than the cap into a file of its own instead of losing it', () => {
    const dataDir = tempDir();
    const log = createFileLogger(dataDir, { maxBytes: 100 });
    log.log('info', 'huge', { pad: 'y'.repeat(500) });
    log.log('info', 'small');
    log.close();
    expect(messages(path.join(dataDir, 'logs', 'lectern.log.1'))).toEqual(['huge']);
    expect(messages(path.join(dataDir, 'logs', 'lectern.log'))).toEqual(['small']);
  });

  it('shares the file with another process (app and CLI) without rotating twice or writing into an old generation for long', () => {
    const dataDir = tempDir();
    const app = createFileLogger(dataDir, { maxBytes: 2000 });
    const cli = createFileLogger(dataDir, { maxBytes: 2000 });
    for (let i = 0; i < 60; i++) {
      app.log('info', `app ${i}`, { pad: 'a'.repeat(40) });
      cli.log('info', `cli ${i}`, { pad: 'c'.repeat(40) });
    }
    app.close();
    cli.close();
    const dir = path.join(dataDir, 'logs');
    expect(fs.readdirSync(dir).sort()).toEqual(['lectern.log', 'lectern.log.1', 'lectern.log.2', 'lectern.log.3']);
    const current = messages(path.join(dir, 'lectern.log'));
    expect(current).toContain('app 59');
    expect(current).toContain('cli 59');
    // Each process may write one line past the cap before it notices the other's rotation.
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000 + 200);
  });

  it('keeps the app running when the log folder disappears', () => {
    const dataDir = tempDir();
    const log = createFileLogger(dataDir, { maxBytes: 200 });
    log.log('info', 'one', { pad: 'x'.repeat(150) });
    fs.rmSync(path.join(dataDir, 'logs'), { recursive: true, force: true });
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      expect(() => log.log('info', 'two', { pad: 'x'.repeat(150) })).not.toThrow();
      expect(() => log.log('info', 'three')).not.toThrow();
    } finally {
      console.error = orig;
      log.close();
    }
    expect(errors).toHaveLength(1);
  });
});
