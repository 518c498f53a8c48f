import { z } from 'zod';

/** Carries a channel's result type at compile time only. */
export interface ChannelSpec<I extends z.ZodType, R> {
  readonly input: I;
  readonly doc: string;
  readonly __result?: R;
}

/** `channel<Result>()(inputSchema, doc)`: the result type is given, the input type is inferred from the schema. */
export const channel =
  <R>() =>
  <I extends z.ZodType>(input: I, doc: string): ChannelSpec<I, R> => ({ input, doc });

/** Input of channels that take no arguments. */
export const none = z.strictObject({});

/**
 * Events originate in trusted services, so they carry a payload type but no runtime schema.
 */
export interface EventSpec<P> {
  readonly doc: string;
  readonly __payload?: P;
}

export const event = <P>(doc: string): EventSpec<P> => ({ doc });
