import { ALL_GROUPS } from '../../lambdas/aws/account';
import { createAccountReacher } from '../../lambdas/aws/account-reach';
import { createOrganizationsClient, listOrganization } from '../../lambdas/aws/organization';
import { acceptAuditInput, auditTarget } from '../../lambdas/core/audit-input';
import { resolveChecklist } from '../../lambdas/core/checklist/resolve';
import { runCheck } from '../../lambdas/core/checks/run';
import { type CheckTask, unreachableResult } from '../../lambdas/core/checks/tasks';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';
import type { CheckId, PreflightConfig } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { planTargets, type TargetPlan } from '../../lambdas/core/fanout/targets';
import { buildReport } from '../../lambdas/core/report/build';
import type { AuditReport, ReportTarget } from '../../lambdas/core/report/model';
import { reportTarget } from '../../lambdas/core/report/target';
import { NOW } from '../audit/account';
import { organizationConfig } from './organization';
import type { FromWorker, ToWorker } from './protocol';

/*
 * A worker of the fan-out benchmark: the compute of the fan-out's steps, with real SDK clients
 * against the benchmark's endpoint, as the deployed machine runs them minus Step Functions. The list
 * step lists the OU (paginated) and plans the targets; a child's work is the scheduled audit of one
 * target: validate the input, one check task per check, each reaching the account as the check
 * function does (the role assumed once per region and run by a warm instance: here, per worker), at
 * most gate.concurrency at once, then the report. S3 and
 * SNS (storing reports, alerts, the posture memory) are not simulated.
 */

const endpoint = process.env.BENCH_ENDPOINT ?? '';
const config: PreflightConfig = validateConfig(organizationConfig(), 'the benchmark organization');
let plan: TargetPlan | undefined;
// As the check function reaches accounts: this worker plays one warm instance of it.
const reach = createAccountReacher({ groups: ALL_GROUPS, base: { endpoint } });

function send(message: FromWorker): void {
  process.send?.(message);
}

async function list(): Promise<TargetPlan> {
  const organization = config.organization;
  const listing =
    organization === undefined
      ? undefined
      : await listOrganization(createOrganizationsClient({ endpoint }), organization.organizationalUnits, {
          includeChildUnits: organization.includeChildUnits,
        });
  return planTargets(config, listing);
}

/** One child execution's work: the scheduled audit of one account in one region. */
async function auditOne(index: number): Promise<{ report: AuditReport; taskMs: number }> {
  const item = plan?.targets[index]?.item;
  const audit = acceptAuditInput(item, config, `bench-${index}`, Date.now());
  const target = auditTarget(config, 'scheduled', audit.targetRequest);
  // Each check task is one check function invocation: its time is what Lambda bills.
  let taskMs = 0;
  const results = await mapWithConcurrency(audit.tasks, config.gate.concurrency, async (task: CheckTask) => {
    const region = task.region === undefined ? {} : { region: task.region };
    const started = performance.now();
    try {
      const account = await reach(target.environment, task.region, audit.runId);
      return await runCheck(task.checkId as CheckId, account, config, NOW, { target, ...region });
    } catch (error) {
      return unreachableResult(task, error, NOW, {
        ...(target.environment.account === undefined ? {} : { account: target.environment.account }),
      });
    } finally {
      taskMs += performance.now() - started;
    }
  });
  const report = buildReport({
    checklist: resolveChecklist(config),
    results,
    now: NOW,
    label: audit.label,
    target: { ...(reportTarget(target) as ReportTarget), regions: audit.target.regions },
    accountFindings: target.accountFindings,
    warnBlocks: config.gate.warnBlocks,
  });
  return { report, taskMs };
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'list': {
      plan = await list();
      const tasks = plan.targets.map(
        (t, i) => acceptAuditInput(t.item, config, `bench-${i}`, Date.now()).tasks.length,
      );
      send({ type: 'listed', plan, tasks });
      return;
    }
    case 'plan':
      plan = message.plan;
      return;
    case 'audit': {
      const started = performance.now();
      const { report, taskMs } = await auditOne(message.index);
      send({
        type: 'audited',
        index: message.index,
        wallMs: performance.now() - started,
        taskMs,
        verdict: report.verdict,
        counts: report.counts,
      });
      return;
    }
    case 'cpu': {
      const used = process.cpuUsage();
      send({ type: 'cpu', cpuMs: (used.user + used.system) / 1000 });
      return;
    }
  }
}

process.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
send({ type: 'ready' });
