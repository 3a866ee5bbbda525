import middy from '@middy/core';
import { createAwsAccount } from '../../aws/account';
import { runCheck } from '../../core/checks/run';
import type { CheckId } from '../../core/config/schema';
import { CHECK_IDS, validateConfig } from '../../core/config/validate';
import type { CheckResult } from '../../core/findings';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import type { RunCheckEvent } from './contract';

// Created once per execution environment: SDK clients are reused across invocations.
const account = createAwsAccount();

/** Runs one check against the account the function runs in. Never returns a PASS it could not prove. */
export async function run(event: RunCheckEvent): Promise<CheckResult> {
  if (!(CHECK_IDS as readonly string[]).includes(event.checkId)) {
    throw new InvalidInputError(
      `Unknown check id "${event.checkId}"; expected one of ${CHECK_IDS.join(', ')}`,
    );
  }
  const now = new Date(event.now);
  if (Number.isNaN(now.getTime())) throw new InvalidInputError(`"now" is not an ISO date: ${event.now}`);
  const config = validateConfig(event.config, 'the state machine configuration');
  const result = await runCheck(event.checkId as CheckId, account, config, now);
  logger.info('check done', {
    checkId: result.checkId,
    durationMs: result.durationMs,
    findings: result.findings.length,
  });
  return result;
}

export const handler = middy(run);
