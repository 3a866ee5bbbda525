import middy from '@middy/core';
import { selectChecks } from '../../core/checks/run';
import type { CheckId } from '../../core/config/schema';
import { CHECK_IDS, validateConfig } from '../../core/config/validate';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { AuditInputSchema } from './contract';

export interface ValidateInputEvent {
  readonly input: unknown;
  readonly config: unknown;
}

export interface ValidatedAudit {
  readonly checkIds: readonly string[];
  /** What the report says was audited. */
  readonly label: string;
}

/** First state of the audit machine: reject bad input before any check runs. */
export async function run(event: ValidateInputEvent): Promise<ValidatedAudit> {
  const parsed = AuditInputSchema.safeParse(event.input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
    throw new InvalidInputError(`Invalid audit input: ${problems.join('; ')}`);
  }
  const input = parsed.data;
  const unknown = (input.checks ?? []).filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `Invalid audit input: checks: unknown ${unknown.join(', ')}; expected ids from ${CHECK_IDS.join(', ')}`,
    );
  }
  const config = validateConfig(event.config, 'the state machine configuration');
  const checkIds = selectChecks(config, input.checks as CheckId[] | undefined);
  const label =
    [input.service, input.environment, input.deploymentId].filter(Boolean).join(' ') || 'scheduled audit';
  logger.info('audit input accepted', { checkIds, label });
  return { checkIds, label };
}

export const handler = middy(run);
