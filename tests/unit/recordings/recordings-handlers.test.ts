import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaptureSource, RecordingTake } from '../../../main/contract/types';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatch';
import { createHandlers } from '../../../main/ipc/handlers';
import { headlessShell, type HostShell } from '../../../main/ipc/host-shell';
import type { AppServices } from '../../../main/services/app-services';
import { createMemoryLogger } from '../../../main/services/log/logger';
import { tempDir } from '../../helpers/tmp';
import { MB, newLecture, openServices } from './open-recordings';

const tmp = tempDir('lectern-recordings-handlers-');
const screen: CaptureSource = { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: null };
const shell: HostShell = { ...headlessShell, listCaptureSources: vi.fn(async () => [screen]), selectCaptureSource: vi.fn(async () => {}) };
let s: AppServices;
let dispatch: Dispatch;
let lectureId: string;

beforeAll(() => {
  s = openServices(path.join(tmp.dir, 'data'), { free: 10_000 * MB });
  lectureId = newLecture(s);
  dispatch = createDispatcher(createHandlers(s, shell), createMemoryLogger());
});
afterAll(async () => {
  await s.close();
  tmp.cleanup();
});

describe('recordings handlers', () => {
  it('lists and chooses capture sources through the host shell', async () => {
    expect(await dispatch('recordings.sources', {})).toEqual({ ok: true, value: [screen] });
    expect(await dispatch('recordings.chooseSource', { sourceId: screen.id })).toEqual({ ok: true, value: { sourceId: screen.id } });
    expect(shell.selectCaptureSource).toHaveBeenCalledWith(screen.id);
    const headless = createDispatcher(createHandlers(s, headlessShell), createMemoryLogger());
    expect(await headless('recordings.sources', {})).toEqual({ ok: true, value: [] });
    expect(await headless('recordings.chooseSource', { sourceId: 'x' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('records through the contract: start, a slice, pause, disk space, discard', async () => {
    const started = await dispatch('recordings.start', { lectureId, mimeType: 'video/webm;codecs=vp8,opus', tracks: { screen: true, camera: true, microphone: false }, layout: { corner: 'bottom-right', size: 0.25 } });
    if (!started.ok) throw new Error(started.error.message);
    const take = started.value as RecordingTake;
    expect(take).toMatchObject({ state: 'recording', layout: { corner: 'bottom-right', size: 0.25 } });
    const takeId = take.id;
    expect(await dispatch('recordings.appendChunk', { takeId, seq: 0, data: Buffer.from('slice').toString('base64'), elapsedMs: 1000 })).toEqual({ ok: true, value: { bytes: 5, chunks: 1 } });
    expect(await dispatch('recordings.appendChunk', { takeId, seq: 1, data: 'not base64!', elapsedMs: 1000 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('recordings.pause', { takeId })).toMatchObject({ ok: true, value: { state: 'paused' } });
    expect(await dispatch('recordings.diskSpace', {})).toEqual({ ok: true, value: { freeBytes: 10_000 * MB, minutesLeft: 166.6 } });
    expect(await dispatch('recordings.list', { lectureId })).toMatchObject({ ok: true, value: [{ id: takeId }] });
    expect(await dispatch('recordings.unfinished', {})).toEqual({ ok: true, value: [] });
    expect(await dispatch('recordings.use', { takeId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('only a finished take can be used') as unknown } });
    expect(await dispatch('recordings.discard', { takeId })).toEqual({ ok: true, value: { takeId } });
    expect(await dispatch('recordings.get', { takeId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
