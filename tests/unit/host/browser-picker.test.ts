import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { createBrowserPicker, safeUploadName } from '../../host/browser-picker';
import type { HostMessage } from '../../host/protocol';

describe('the test host’s browser file picker', () => {
  it('keeps a browser file name as one safe file name with its extension', () => {
    expect(safeUploadName('Woche 1 – 강의.mp4')).toBe('Woche 1 – 강의.mp4');
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\me\\talk.mov')).toBe('talk.mov');
    expect(safeUploadName('..')).toBe('upload');
    expect(safeUploadName('a<b>:c?.webm')).toBe('a_b__c_.webm');
    const long = safeUploadName(`${'x'.repeat(400)}.mkv`);
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long.endsWith('.mkv')).toBe(true);
  });

  it('writes the uploaded bytes and answers the dialog with the path; a cancel or every page skipping answers null', async () => {
    const tmp = tempDir('lectern-picker-');
    const sent: HostMessage[] = [];
    const picker = createBrowserPicker({ uploadDir: tmp.dir, clientCount: () => 2, broadcast: (m) => sent.push(m) });
    const post = (query: string, body?: string) => picker.receive(new Request(`http://h/__lectern/upload?${query}`, { method: 'POST', ...(body ? { body } : {}) }));

    const picked = picker.pick('.vtt');
    expect(sent.at(-1)).toEqual({ type: 'pick-file', id: 1, accept: '.vtt' });
    expect((await post('pick=1&name=captions.vtt', 'WEBVTT\n')).status).toBe(204);
    const filePath = await picked;
    expect(filePath && path.basename(filePath)).toBe('captions.vtt');
    expect(fs.readFileSync(filePath!, 'utf8')).toBe('WEBVTT\n');
    // Answered once only.
    expect((await post('pick=1&cancel=1')).status).toBe(404);

    const cancelled = picker.pick('video/*');
    await post('pick=2&cancel=1');
    expect(await cancelled).toBeNull();

    const skipped = picker.pick('video/*');
    await post('pick=3&skip=1');
    await post('pick=3&skip=1');
    expect(await skipped).toBeNull();

    const noPages = createBrowserPicker({ uploadDir: tmp.dir, clientCount: () => 0, broadcast: () => {} });
    expect(await noPages.pick('video/*')).toBeNull();
    tmp.cleanup();
  });
});
