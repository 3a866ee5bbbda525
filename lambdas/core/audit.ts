import { resolveChecklist } from './checklist/resolve';
import { runChecks } from './checks/run';
import type { AccountPorts } from './checks/types';
import type { CheckId, PreflightConfig } from './config/schema';
import type { CheckResult } from './findings';
import { buildReport } from './report/build';
import type { AuditReport } from './report/model';

export interface AuditOptions {
  readonly account: AccountPorts;
  readonly config: PreflightConfig;
  readonly now: Date;
  /** What is audited, for the report's title. */
  readonly target: string;
  /** @default every enabled check that verifies an item of the checklist */
  readonly checkIds?: readonly CheckId[];
  readonly onCheckDone?: (result: CheckResult, done: number, total: number) => void;
}

/** Runs the checks against an account and rolls the findings up to the checklist and a verdict. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const results = await runChecks(options.account, options.config, options.now, {
    ...(options.checkIds === undefined ? {} : { checkIds: options.checkIds }),
    ...(options.onCheckDone === undefined ? {} : { onCheckDone: options.onCheckDone }),
  });
  return buildReport({
    checklist: resolveChecklist(options.config),
    results,
    now: options.now,
    target: options.target,
    warnBlocks: options.config.gate.warnBlocks,
  });
}
