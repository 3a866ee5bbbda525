import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import type { OrganizationSummary } from '../../lambdas/core/fanout/summary';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { type LocalRunOptions, runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';
import type { S3Stub } from '../support/s3-stub';
import { NOW } from './audit-machine';

/** The fan-out machine's output. */
export interface FanoutOutput {
  runId: string;
  verdict: string;
  targets: { total: number; PASS: number; FAIL: number; ERROR: number };
  findings: Record<string, number>;
  summaryLocation: { json: string; markdown: string };
}

/** The fan-out state machine synthesized from a configuration, ready to run locally. */
export function fanoutMachineFor(config: PreflightConfigInput): ExtractedStateMachine {
  return extractStateMachine(synthPreflight(config).template, 'FanoutStateMachine');
}

let runs = 0;

/**
 * Runs the fan-out as the schedule starts it (`{}`), and reads back the summary it stored. Each run
 * has an execution name of its own, as in AWS (the check function keeps what it reached per run).
 */
export async function runFanout(s3: S3Stub, machine: ExtractedStateMachine, options: LocalRunOptions = {}) {
  runs += 1;
  const name = options.name ?? `daily-${runs}`;
  const run = await runLocally(machine, {}, { startTime: NOW, ...options, name });
  const output = run.output as unknown as FanoutOutput | undefined;
  const summary = output ? s3.json<OrganizationSummary>(`runs/${output.runId}/summary.json`) : undefined;
  /** The report child `index` stored. */
  const report = (index: number) => s3.json<AuditReport>(`runs/${name}-${index}/report.json`);
  return { ...run, name, output, summary, report };
}
