import type { ChannelName, InputOf, ResultOf } from '../../main/contract/channels';
import { LecternError } from '../../main/contract/errors';
import type { EventName, PayloadOf } from '../../main/contract/events';

/** Calls main and throws a LecternError (with code and field issues) when main reports a failure. */
export async function call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const envelope = await window.lectern.invoke(channel, input);
  if (!envelope.ok) throw LecternError.fromData(envelope.error);
  return envelope.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  return window.lectern.on(event, listener);
}
