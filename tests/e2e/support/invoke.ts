/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { ChannelName, InputOf, ResultOf } from '../../../main/contract/channels';
import type { Envelope } from '../../../main/contract/errors';

/** Setup only (outline, encodes, hubs): one contract call from the page, as the UI would make it; throws on a refusal. */
export async function invoke<C extends ChannelName>(page: Page, channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const envelope = await page.evaluate(
    ([c, i]) => (window as unknown as { lectern: { invoke(c: string, i: unknown): Promise<Envelope<unknown>> } }).lectern.invoke(c, i),
    [channel, input as unknown] as const,
  );
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ResultOf<C>;
}
