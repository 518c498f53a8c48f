import { z } from 'zod';
import { channels, isChannelName, type ChannelName } from '../contract/channels';
import { LecternError, type Envelope, type ErrorData } from '../contract/errors';
import { classifyFailure } from '../contract/failures';
import { issueText, type ServiceText } from '../contract/service-text';
import { formatText } from '../services/text/format-text';
import type { Logger } from '../services/log/logger';
import type { Handlers } from './handlers';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The single entry point for every request from a renderer, whatever carries it (Electron IPC or the
 * test host's WebSocket): check the channel, validate the input against the contract, run the handler,
 * and turn every failure into an envelope. A handler's exception is logged and reported, never rethrown,
 * so one bad request cannot take main down.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      log.log('warn', 'rejected request on unknown channel', { channel: String(channel).slice(0, 100) });
      return fail({ code: 'unknown-channel', message: `Unknown channel "${String(channel).slice(0, 100)}"` });
    }
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => {
        const text = issueText(i.message);
        return { path: i.path.join('.'), message: i.message, ...(text ? { text } : {}) };
      });
      log.log('warn', 'rejected invalid input', { channel, issues });
      return fail({ code: 'invalid-input', message: describeIssues(channel, parsed.error), issues });
    }
    try {
      return { ok: true, value: await run(handlers, channel, parsed.data) };
    } catch (err) {
      if (err instanceof LecternError) {
        log.log('info', 'request failed', { channel, code: err.code, error: err.message });
        return fail(err.toData());
      }
      log.log('error', 'handler crashed', { channel, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      // A full disk or a dropped connection is still worth a sentence the user can act on.
      const failure = classifyFailure(err);
      // A classified failure says more than "could not complete", so it goes without a text of its own.
      const text: ServiceText = { key: 'svc.ipc.couldNotComplete', values: { channel, cause: err instanceof Error ? err.message : String(err) } };
      return fail({ code: 'internal', message: formatText(text), ...(failure ? { failure } : { text }) });
    }
  };
}

function run<C extends ChannelName>(handlers: Handlers, channel: C, input: unknown): unknown {
  // `input` was produced by channels[channel].input, which is exactly this handler's parameter type.
  const handler = handlers[channel] as (input: unknown) => unknown;
  return handler(input);
}

function describeIssues(channel: ChannelName, error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return `Invalid input for "${channel}"`;
  if (first.code === 'unrecognized_keys') return `Invalid input for "${channel}": unexpected field ${first.keys.map((k) => `"${k}"`).join(', ')}`;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}

function fail(error: ErrorData): Envelope<never> {
  return { ok: false, error };
}
