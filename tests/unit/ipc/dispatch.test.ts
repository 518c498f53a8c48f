import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../main/contract/channels';
import { LecternError } from '../../../main/contract/errors';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlers';
import { createMemoryLogger } from '../../../main/services/log/logger';

const COURSE_ID = '3f1c6d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';

/** A handler per contract channel that fails loudly if the dispatcher calls one it should not have. */
function stubHandlers(): Handlers {
  const entries = channelNames.map((c) => [c, vi.fn(() => Promise.reject(new Error(`unexpected call to ${c}`)))]);
  return Object.fromEntries(entries) as unknown as Handlers;
}

describe('createDispatcher', () => {
  let handlers: Handlers;
  let log: ReturnType<typeof createMemoryLogger>;
  let dispatch: Dispatch;

  beforeEach(() => {
    handlers = stubHandlers();
    log = createMemoryLogger();
    dispatch = createDispatcher(handlers, log);
  });

  /** Replaces one channel's handler; loosely typed so a test can make it throw anything. */
  const setHandler = (channel: string, fn: (input: never) => unknown) => {
    (handlers as unknown as Record<string, unknown>)[channel] = fn;
  };

  it('runs the handler with the validated input and wraps its value', async () => {
    const create = vi.fn((input: { title: string }) => ({ id: COURSE_ID, title: input.title }));
    setHandler('courses.create', create);
    expect(await dispatch('courses.create', { title: 'Físic a 101 ' })).toEqual({ ok: true, value: { id: COURSE_ID, title: 'Físic a 101 ' } });
    expect(create).toHaveBeenCalledWith({ title: 'Físic a 101 ' });
  });

  it.each([
    ['a name outside the contract', 'fs.readFile'],
    ['a prototype property', '__proto__'],
    ['another prototype property', 'constructor'],
    ['toString', 'toString'],
    ['a number', 42],
    ['null', null],
    ['an object', { channel: 'courses.list' }],
  ])('refuses %s as unknown-channel without calling anything', async (_name, channel) => {
    const result = await dispatch(channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
    expect(log.records.at(-1)).toMatchObject({ level: 'warn', message: 'rejected request on unknown channel' });
  });

  it('caps the echoed channel name so a huge name cannot flood logs or the UI', async () => {
    const result = await dispatch('x'.repeat(10_000), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });

  it.each([
    ['a wrong type', { title: 42 }, 'title'],
    ['a missing field', {}, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['an extra field', { title: 'ok', admin: true }, ''],
    ['a non-object input', 'courses', ''],
    ['null input', null, ''],
    ['undefined input', undefined, ''],
    ['an array', [{ title: 'x' }], ''],
  ])('refuses %s as invalid-input with issues, without running the handler', async (_name, input, path) => {
    const result = await dispatch('courses.create', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.issues?.length).toBeGreaterThan(0);
    expect(result.error.issues?.[0]?.path).toBe(path);
    expect(handlers['courses.create']).not.toHaveBeenCalled();
  });

  it('names the unexpected field in the message (strict objects, nested too)', async () => {
    const top = await dispatch('courses.create', { title: 'ok', admin: true });
    expect(top).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('"admin"') } });
    const nested = await dispatch('courses.update', { courseId: COURSE_ID, patch: { title: 'x', ownerId: 'me' } });
    expect(nested).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('"ownerId"') } });
  });

  it('reports nested paths in dotted form', async () => {
    const result = await dispatch('courses.update', { courseId: 'not-an-id', patch: { tags: ['ok', ''] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['courseId', 'patch.tags.1']);
  });

  it("passes a handler's LecternError through with its code, message and issues", async () => {
    setHandler('courses.get', () => {
      throw new LecternError('not-found', 'No course with id …', [{ path: 'courseId', message: 'gone' }]);
    });
    expect(await dispatch('courses.get', { courseId: COURSE_ID })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No course with id …', issues: [{ path: 'courseId', message: 'gone' }] },
    });
    expect(log.records.at(-1)).toMatchObject({ level: 'info', message: 'request failed', code: 'not-found' });
  });

  it('turns an async rejection with a LecternError into its code', async () => {
    setHandler('courses.list', async () => {
      throw new LecternError('conflict', 'busy');
    });
    expect(await dispatch('courses.list', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'busy' } });
  });

  it.each([
    ['a thrown Error', () => {
      throw new TypeError('cannot read x of undefined');
    }, 'cannot read x of undefined'],
    ['a rejected promise', () => Promise.reject(new Error('disk on fire')), 'disk on fire'],
    ['a thrown string', () => {
      throw 'plain string';
    }, 'plain string'],
  ])('reports %s as internal, logs it with the stack, and keeps serving', async (_name, crash, text) => {
    setHandler('courses.list', crash);
    const result = await dispatch('courses.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(text) } });
    expect(result).toMatchObject({ error: { message: expect.stringContaining('"courses.list"') } });
    const record = log.records.find((r) => r.level === 'error');
    expect(record).toMatchObject({ message: 'handler crashed', channel: 'courses.list', error: expect.stringContaining(text) });

    setHandler('courses.list', () => []);
    expect(await dispatch('courses.list', {})).toEqual({ ok: true, value: [] });
  });

  it('never rejects, even when many bad requests arrive at once', async () => {
    setHandler('courses.list', () => {
      throw new Error('boom');
    });
    const results = await Promise.allSettled([
      dispatch('courses.list', {}),
      dispatch('nope', {}),
      dispatch('courses.create', { title: 1 }),
      dispatch(undefined, undefined),
    ]);
    expect(results.every((r) => r.status === 'fulfilled' && !r.value.ok)).toBe(true);
  });
});
