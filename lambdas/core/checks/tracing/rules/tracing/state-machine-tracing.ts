import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { tracingFinding } from '../../finding';
import type { StateMachineSummary } from '../../ports';

/**
 * `state-machine-tracing`: X-Ray tracing is on for the state machine. Off: `missingTracing` (FAIL by
 * default); the description that could not be read: ERROR for that state machine alone.
 */
export function judgeStateMachineTracing(
  machine: StateMachineSummary,
  tracing: Outcome<boolean>,
  missingTracing: 'WARN' | 'FAIL',
): Finding {
  const evidence = { stateMachine: machine.name, type: machine.type ?? null };
  if (!tracing.ok)
    return errorFinding(tracingFinding, 'state-machine-tracing', machine.arn, tracing.error, evidence);
  if (tracing.value) {
    return tracingFinding('state-machine-tracing', machine.arn, {
      status: 'PASS',
      message: `${machine.name} sends traces to X-Ray.`,
      evidence: { ...evidence, tracingEnabled: true },
    });
  }
  return tracingFinding('state-machine-tracing', machine.arn, {
    status: missingTracing,
    message: `${machine.name} does not send traces to X-Ray.`,
    evidence: { ...evidence, tracingEnabled: false },
    remediation: `Turn tracing on (aws stepfunctions update-state-machine --state-machine-arn ${machine.arn} --tracing-configuration enabled=true; in CDK, tracingEnabled: true) and allow the X-Ray actions to its role.`,
  });
}
