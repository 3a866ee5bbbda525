import middy from '@middy/core';
import { AuditInputError, acceptAuditInput } from '../../core/audit-input';
import { validateConfig } from '../../core/config/validate';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { ValidatedAudit } from './contract';
import { ValidateInputEnvironment } from './env';

export interface ValidateInputEvent {
  readonly input: unknown;
  readonly config: unknown;
  /** The execution's name, which names the run and its stored reports. */
  readonly runId: string;
  /** The execution's start (ISO 8601): a commit time after it is refused. */
  readonly startedAt: string;
  /**
   * The only mode this caller runs: the fan-out's children are scheduled posture audits, whatever
   * the item they were given says (items are read back from S3). @default any mode
   */
  readonly requireMode?: 'scheduled';
}

/**
 * First state of the audit machine: reject bad input before any check runs. The rules are
 * `acceptAuditInput`'s, the same `preflight gate` applies before it starts an execution.
 */
export async function run(event: ValidateInputEvent): Promise<ValidatedAudit> {
  const config = validateConfig(event.config, 'the state machine configuration');
  const startedAtMs = Date.parse(event.startedAt);
  // The machine itself passes the start: without it, this is a broken deployment, not bad input.
  if (Number.isNaN(startedAtMs)) throw new Error(`no execution start time: got ${String(event.startedAt)}`);
  let audit: ValidatedAudit;
  try {
    audit = acceptAuditInput(event.input, config, event.runId, startedAtMs);
  } catch (error) {
    if (error instanceof AuditInputError) throw new InvalidInputError(error.message, { cause: error });
    throw error;
  }
  if (event.requireMode !== undefined && audit.mode !== event.requireMode) {
    throw new InvalidInputError(
      `Invalid audit input: mode: got ${audit.mode}; this run accepts only mode ${event.requireMode}`,
    );
  }
  logger.info('audit input accepted', {
    runId: audit.runId,
    mode: audit.mode,
    checkIds: audit.checkIds,
    label: audit.label,
  });
  return audit;
}

export const handler = middy(run).use(baseMiddleware({ environment: ValidateInputEnvironment }));
