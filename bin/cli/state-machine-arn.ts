import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { UsageError } from './usage-error';

/*
 * Where a command finds its state machine: the flag, else the environment variable the pipeline
 * examples set. A value that is not a state machine ARN (a typo, another resource's ARN, half a
 * paste) is refused here, before AWS is set up, rather than sent to Step Functions.
 */

/** `arn:<partition>:states:<region>:<account>:stateMachine:<name>`, with an optional version or alias. */
const STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}(:[A-Za-z0-9_-]{1,80})?$/;

/** Which state machine a command starts or reads: its environment variable and stack output. */
export interface StateMachineSource {
  readonly envVar: string;
  readonly stackOutput: string;
  /** What the missing-ARN message calls it, e.g. `state machine` or `watch state machine`. */
  readonly what: string;
}

/**
 * The state machine ARN from `--state-machine-arn` or `source.envVar`.
 * @throws UsageError when neither is set, or the value is not a state machine ARN.
 */
export function stateMachineArnFrom(flag: string | undefined, source: StateMachineSource): string {
  const fromEnv = process.env[source.envVar];
  const arn = flag ?? (fromEnv === '' ? undefined : fromEnv);
  if (arn === undefined) {
    throw new UsageError(
      `no ${source.what}: pass --state-machine-arn or set ${source.envVar} (the stack output ${source.stackOutput}).`,
    );
  }
  if (!STATE_MACHINE_ARN.test(arn)) {
    throw new UsageError(
      `${flag === undefined ? source.envVar : '--state-machine-arn'}: got ${quoteAsGiven(arn, 200)}; expected a Step Functions state machine ARN, arn:aws:states:<region>:<account>:stateMachine:<name> (the stack output ${source.stackOutput}).`,
    );
  }
  return arn;
}
