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

/** Runs the fan-out as the schedule starts it (`{}`), and reads back the summary it stored. */
export async function runFanout(s3: S3Stub, machine: ExtractedStateMachine, options: LocalRunOptions = {}) {
  const run = await runLocally(machine, {}, { startTime: NOW, name: 'daily-1', ...options });
  const output = run.output as unknown as FanoutOutput | undefined;
  const summary = output ? s3.json<OrganizationSummary>(`runs/${output.runId}/summary.json`) : undefined;
  /** The report child `index` stored. */
  const report = (index: number) =>
    s3.json<AuditReport>(`runs/${options.name ?? 'daily-1'}-${index}/report.json`);
  return { ...run, output, summary, report };
}
