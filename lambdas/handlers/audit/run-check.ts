import middy from '@middy/core';
import { createAwsAccount } from '../../aws/account';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { runCheck } from '../../core/checks/run';
import type { CheckId } from '../../core/config/schema';
import { CHECK_IDS, validateConfig } from '../../core/config/validate';
import { countByStatus } from '../../core/findings';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import type { RunCheckEvent, StoredCheckResult } from './contract';
import { auditEnvironment } from './env';

// Created once per execution environment: SDK clients are reused across invocations.
const account = createAwsAccount();
let store: S3ReportStore | undefined;

/**
 * Runs one check against the account the function runs in and stores its findings in S3:
 * only a small pointer travels through the state machine, whatever the account's size.
 */
export async function run(event: RunCheckEvent): Promise<StoredCheckResult> {
  if (!(CHECK_IDS as readonly string[]).includes(event.checkId)) {
    throw new InvalidInputError(
      `Unknown check id "${event.checkId}"; expected one of ${CHECK_IDS.join(', ')}`,
    );
  }
  const now = new Date(event.now);
  if (Number.isNaN(now.getTime())) throw new InvalidInputError(`"now" is not an ISO date: ${event.now}`);
  const config = validateConfig(event.config, 'the state machine configuration');
  const result = await runCheck(event.checkId as CheckId, account, config, now);
  store ??= new S3ReportStore(auditEnvironment().REPORT_BUCKET);
  const resultKey = reportKeys.checkResult(event.runId, result.checkId);
  await store.putJson(resultKey, result);
  logger.info('check done', {
    checkId: result.checkId,
    durationMs: result.durationMs,
    findings: result.findings.length,
  });
  return { checkId: result.checkId, resultKey, counts: countByStatus(result.findings) };
}

export const handler = middy(run);
