import type { ChannelName, ParsedInputOf, ResultOf } from '../../contract/channels';

/** One function per channel of a domain map; a missing or mistyped handler is a compile error. */
export type HandlersFor<M> = { [C in keyof M & ChannelName]: (input: ParsedInputOf<C>) => ResultOf<C> | Promise<ResultOf<C>> };
