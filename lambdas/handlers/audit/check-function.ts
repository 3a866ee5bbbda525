import middy from '@middy/core';
import type { AccountGroups } from '../../aws/account-groups';
import { type AccountReacher, createAccountReacher } from '../../aws/account-reach';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import type { CHECK_FAMILIES, CheckFamily } from '../../core/checks/registry';
import { runDefinition } from '../../core/checks/run-definition';
import type { CheckDefinition } from '../../core/checks/types';
import { unreachableResult } from '../../core/checks/unreachable';
import type { CheckId } from '../../core/config/schema';
import { type CheckResult, countByStatus } from '../../core/findings';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { RunCheckEvent, StoredCheckResult } from './contract';
import { CheckEnvironment } from './env';

/** One family's check function: its `run` (tested) and its Lambda handler. */
export interface CheckFunction {
  readonly run: (event: RunCheckEvent) => Promise<StoredCheckResult>;
  readonly handler: ReturnType<typeof middy<RunCheckEvent, StoredCheckResult>>;
}

/**
 * The check function of `family`: runs one of its checks in one region against the service's
 * resources (or the whole account) and stores its findings in S3: only a small pointer travels
 * through the state machine, whatever the account's size. The target is the slice the input step
 * resolved from the embedded configuration (`$.audit.checkTarget`): the function carries no
 * configuration schema. `checks` are the family's definitions, its entry of the registry's
 * `CHECK_FAMILIES` (the type holds them to it): the function imports them, not the registry, so it
 * bundles no other family's rules. `groups` are the ports it carries: its family's and the scope's,
 * so it bundles no other SDK client.
 */
export function checkFunction<Family extends CheckFamily>(
  family: Family,
  checks: (typeof CHECK_FAMILIES)[Family],
  groups: AccountGroups,
): CheckFunction {
  const definitions = checks as Readonly<Record<string, CheckDefinition>>;
  const checkIds = Object.keys(definitions) as CheckId[];
  // Accounts reached (own, or through an environment's role per region and run), kept while warm.
  let reach: AccountReacher | undefined;
  let store: S3ReportStore | undefined;

  async function run(event: RunCheckEvent): Promise<StoredCheckResult> {
    const { task } = event;
    const environment = CheckEnvironment.read();
    if (!(checkIds as readonly string[]).includes(task?.checkId)) {
      throw new InvalidInputError(
        `Check id "${task?.checkId}" is not one of the ${family} family's (${checkIds.join(', ')}): the state machine routes each check to its family's function`,
      );
    }
    const now = new Date(event.now);
    if (Number.isNaN(now.getTime())) throw new InvalidInputError(`"now" is not an ISO date: ${event.now}`);
    const { target } = event;
    if (!Array.isArray(target?.environment?.regions) || typeof target.checks !== 'object') {
      throw new InvalidInputError('"target" is not a resolved check target: expected $.audit.checkTarget');
    }
    const regions = target.environment.regions;
    if (task.region !== undefined ? !regions.includes(task.region) : regions.length > 0) {
      throw new InvalidInputError(
        `Region ${task.region ?? '(none)'} is not one of environment "${target.environment.name}" (${regions.join(', ') || 'none'})`,
      );
    }

    let result: CheckResult;
    try {
      reach ??= createAccountReacher({ groups, via: environment.REACH_ROLE_ARN });
      const account = await reach(target.environment, task.region, event.runId);
      result = await runDefinition(
        definitions[task.checkId] as CheckDefinition,
        account,
        { checks: target.checks },
        now,
        {
          target,
          ...(task.region === undefined ? {} : { region: task.region }),
        },
      );
    } catch (error) {
      // The account could not be reached: an ERROR for this check there; the other tasks go on.
      result = unreachableResult(task, error, now, {
        ...(target.environment.account === undefined ? {} : { account: target.environment.account }),
      });
    }
    store ??= new S3ReportStore(environment.REPORT_BUCKET);
    const keyRegion = (event.regions?.length ?? 0) > 1 ? task.region : undefined;
    const resultKey = reportKeys.checkResult(event.runId, result.checkId, keyRegion);
    await store.putJson(resultKey, result);
    logger.info('check done', {
      family,
      checkId: result.checkId,
      region: task.region,
      durationMs: result.durationMs,
      findings: result.findings.length,
    });
    return {
      checkId: result.checkId,
      ...(task.region === undefined ? {} : { region: task.region }),
      resultKey,
      counts: countByStatus(result.findings),
    };
  }

  return { run, handler: middy(run).use(baseMiddleware({ environment: CheckEnvironment })) };
}
