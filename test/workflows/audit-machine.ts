import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { type LocalRunOptions, runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';
import type { S3Stub } from '../support/s3-stub';

/** Thursday 2026-11-26 10:00 in London: inside the usual deployment window. */
export const NOW = new Date('2026-11-26T10:00:00Z');

/** Every attestation the default configuration requires, with evidence links. */
export const ALL_ATTESTATIONS = {
  'tests-passing': 'https://ci.example.com/runs/1#tests',
  'build-completed': 'https://ci.example.com/runs/1',
  'migrations-tested': 'https://ci.example.com/runs/1#migrations',
  'api-compatibility': 'https://ci.example.com/runs/1#api',
};

/** The audit machine's output. */
export interface AuditOutput {
  runId: string;
  verdict: string;
  counts: Record<string, number>;
  blockingItems: string[];
  reportLocation: { json: string; markdown: string };
}

/** The audit state machine synthesized from a configuration, ready to run locally. */
export function auditMachineFor(config: PreflightConfigInput): ExtractedStateMachine {
  return extractStateMachine(
    synthPreflight({ timezone: 'Europe/London', ...config }).template,
    'AuditStateMachine',
  );
}

/** Runs the audit machine and reads back the report it stored. */
export async function runAudit(
  s3: S3Stub,
  machine: ExtractedStateMachine,
  input: Record<string, unknown>,
  options: LocalRunOptions = {},
) {
  const run = await runLocally(machine, input as never, { startTime: NOW, name: 'deploy-42', ...options });
  const output = run.output as unknown as AuditOutput | undefined;
  const report = output ? s3.json<AuditReport>(`runs/${output.runId}/report.json`) : undefined;
  return { ...run, output, report };
}

/** The email text of a published message. */
export function emailOf(message: { message: string } | undefined): string {
  return (JSON.parse(message?.message ?? '{}') as { email?: string }).email ?? '';
}
