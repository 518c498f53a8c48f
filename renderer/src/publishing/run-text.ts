import type { HubConnectionReport, PublishRunState } from '../../../main/contract/domains/publishing-types';
import type { MessageKey } from '../i18n/catalogs';

/** The word the queue shows for each run state the publishing service reports. */
export const RUN_STATE_KEY: Record<PublishRunState, MessageKey> = {
  queued: 'publishing.run.state.queued',
  running: 'publishing.run.state.running',
  paused: 'publishing.run.state.paused',
  failed: 'publishing.run.state.failed',
  done: 'publishing.run.state.done',
  cancelled: 'publishing.run.state.cancelled',
};

/** The four permissions a connection test probes, in the order it reports them. */
export const CHECKS = ['list', 'write', 'read', 'delete'] as const satisfies readonly (keyof HubConnectionReport)[];
export type Check = (typeof CHECKS)[number];

export const CHECK_NAME_KEY: Record<Check, MessageKey> = {
  list: 'hubs.check.list',
  write: 'hubs.check.write',
  read: 'hubs.check.read',
  delete: 'hubs.check.delete',
};

/**
 * A probe's outcome as the service writes it ('ok', 'skipped: <why>', '<reason>: <S3 text>') reduced to
 * a word: why it failed is said once, in the summary under the checks.
 */
export function checkOutcome(result: string): 'ok' | 'skipped' | 'failed' {
  if (result === 'ok') return 'ok';
  return result.startsWith('skipped') ? 'skipped' : 'failed';
}

export const CHECK_OUTCOME_KEY: Record<ReturnType<typeof checkOutcome>, MessageKey> = {
  ok: 'hubs.check.ok',
  skipped: 'hubs.check.skipped',
  failed: 'hubs.check.failed',
};
