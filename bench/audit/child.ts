import { createAwsAccount } from '../../lambdas/aws/account';
import { runCheck, runChecks } from '../../lambdas/core/checks/run';
import type { AccountPorts } from '../../lambdas/core/checks/types';
import { ConfigSchema } from '../../lambdas/core/config/schema';
import type { CheckResult } from '../../lambdas/core/findings';
import { ReleaseSchema } from '../../lambdas/core/release';
import type { CheckTarget } from '../../lambdas/core/services/target';
import { FULL_SIZE, KEY_METRICS, NOW, REGION, scaled, syntheticAccount } from './account';
import { deploymentGroupNames, rollbackDocuments } from './account-deploys';
import { createNaiveAccount } from './naive';
import type { AuditJob, ChildMessage, ParentMessage, StatusCounts } from './protocol';

/*
 * The audit, in a process of its own (forked by the benchmark): real SDK clients pointed at the
 * benchmark's local endpoint. It reports wall time, finding statuses and memory per phase.
 */

function send(message: ChildMessage): void {
  process.send?.(message);
}

function nextGo(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: ParentMessage) => {
      if (message.type !== 'go') return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
  });
}

async function phase(label: string): Promise<void> {
  send({ type: 'begin', label });
  await nextGo();
}

function statuses(results: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = {};
  for (const finding of results.flatMap((r) => r.findings))
    counts[finding.status] = (counts[finding.status] ?? 0) + 1;
  return counts;
}

function ports(job: AuditJob): AccountPorts {
  const options = { endpoint: job.endpoint, region: REGION };
  return job.mode === 'ours' ? createAwsAccount(options) : createNaiveAccount(options);
}

async function run(job: AuditJob): Promise<void> {
  const config = ConfigSchema.parse({
    checks: {
      'metrics-collection': { metrics: KEY_METRICS },
      'deployment-strategy': { deploymentGroups: deploymentGroupNames(FULL_SIZE.deploymentGroups) },
      'rollback-tested': { documents: rollbackDocuments(FULL_SIZE.rollbackDocuments) },
    },
  });
  // The whole account, as before, with the release a gate would name for the image checks.
  const target: CheckTarget = {
    service: 'account',
    implicit: true,
    environment: { name: 'default', regions: [], configured: false },
    checks: config.checks,
    release: ReleaseSchema.parse({ images: syntheticAccount(scaled(FULL_SIZE, job.scale)).registry.release }),
  };
  if (job.wholeAudit) {
    await phase('audit');
    const startRssBytes = process.memoryUsage.rss();
    let peakHeapBytes = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    const results = await runChecks(ports(job), config, NOW, { target });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
    send({
      type: 'end',
      label: 'audit',
      wallMs,
      statuses: statuses(results),
      peakHeapBytes,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      startRssBytes,
    });
  }
  for (const checkId of job.perCheck) {
    await phase(checkId);
    // Fresh clients per check: no connection or adaptive-rate state carried over from the last one.
    const started = performance.now();
    const result = await runCheck(checkId, ports(job), config, NOW, { target });
    send({ type: 'end', label: checkId, wallMs: performance.now() - started, statuses: statuses([result]) });
  }
  send({ type: 'done' });
}

process.once('message', (message: ParentMessage) => {
  if (message.type !== 'job') return;
  run(message.job).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
