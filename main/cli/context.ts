import type { ChannelName, InputOf, ResultOf } from '../contract/channels';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What a command needs: a way to call a contract channel, and to print in the chosen format. */
export interface CliContext {
  json(): boolean;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<ResultOf<C>>;
  print(value: unknown, human: () => string): void;
}
