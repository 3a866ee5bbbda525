import { resolveChecklist } from './checklist/resolve';
import { runCheck, selectChecks } from './checks/run';
import { type CheckTask, planCheckTasks, unreachableResult } from './checks/tasks';
import type { AccountPorts } from './checks/types';
import { mapWithConcurrency } from './concurrency';
import type { CheckId, PreflightConfig } from './config/schema';
import type { CheckResult } from './findings';
import type { Release } from './release';
import { buildReport } from './report/build';
import type { AuditReport, ReportTarget } from './report/model';
import { reportTarget } from './report/target';
import { rememberedScope } from './scope/remembered';
import type { ServiceTarget } from './services/target';

export interface AuditOptions {
  /** Reaches the audited account in one region (`undefined`: the one the caller is in); may throw. */
  readonly reach: (region: string | undefined) => Promise<AccountPorts>;
  readonly config: PreflightConfig;
  readonly now: Date;
  /** What is audited, in words, for the report's title. */
  readonly label: string;
  /** The service in its environment. @default the whole account, with the configuration's settings */
  readonly target?: ServiceTarget;
  /** @default every enabled check that verifies an item of the checklist */
  readonly checkIds?: readonly CheckId[];
  readonly onCheckDone?: (result: CheckResult, done: number, total: number) => void;
  /** The release being deployed, for the image checks. @default none: they say no image was given */
  readonly release?: Release;
}

/**
 * Runs the checks in every region of the target's environment (account-wide checks once) and rolls
 * the findings up to the checklist and a verdict. A region that cannot be reached is an ERROR for
 * each of its checks; the other regions are still judged.
 */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const { config, now, target } = options;
  const ids = selectChecks(config, options.checkIds, target?.checks);
  const tasks = planCheckTasks(ids, target?.environment.regions ?? []);
  const regions = [...new Set(tasks.map((task) => task.region))];
  const reached = new Map(
    await Promise.all(
      regions.map(
        async (region) =>
          [
            region,
            await options.reach(region).then(
              // The run's checks in this region share one reading of the service's scope.
              (ports) => ({ ok: true as const, ports, scope: rememberedScope(() => ports.scope) }),
              (error: unknown) => ({ ok: false as const, error }),
            ),
          ] as const,
      ),
    ),
  );
  let done = 0;
  const results = await mapWithConcurrency(tasks, config.gate.concurrency, async (task: CheckTask) => {
    const access = reached.get(task.region);
    const result =
      access === undefined || !access.ok
        ? unreachableResult(task, access?.error, now, {
            ...(target?.environment.account === undefined ? {} : { account: target.environment.account }),
          })
        : await runCheck(task.checkId as CheckId, access.ports, config, now, {
            ...(target === undefined
              ? {}
              : { target: options.release === undefined ? target : { ...target, release: options.release } }),
            ...(task.region === undefined ? {} : { region: task.region }),
            scope: access.scope,
          });
    done += 1;
    options.onCheckDone?.(result, done, tasks.length);
    return result;
  });
  return buildReport({
    checklist: resolveChecklist(config),
    results,
    now,
    label: options.label,
    ...(target === undefined
      ? {}
      : {
          target: {
            ...(reportTarget(target) as ReportTarget),
            ...(options.release === undefined
              ? {}
              : { release: options.release.images.map((i) => i.reference) }),
          },
        }),
    ...(target?.resources === undefined ? {} : { selector: target.resources }),
    accountFindings: target?.accountFindings ?? 'block',
    warnBlocks: config.gate.warnBlocks,
    mutes: config.mutes,
  });
}
