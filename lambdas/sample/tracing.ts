import type { TracingPorts } from '../core/checks/tracing/ports';
import { AwsCallError } from '../core/errors';

/** One sample function or state machine: its name and whether it traces (and a function's settings). */
export interface SampleTraced {
  readonly name: string;
  readonly traced: boolean;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memoryMb?: number;
  /** @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default Lambda's own key */
  readonly kmsKeyArn?: string;
}

/** Lambda functions and state machines of one sample region, served as the tracing ports. */
export function sampleTracingPorts(
  location: { readonly region: string; readonly accountId: string },
  functions: readonly SampleTraced[],
  stateMachines: readonly SampleTraced[],
): TracingPorts {
  const at = `${location.region}:${location.accountId}`;
  const machineArn = (name: string) => `arn:aws:states:${at}:stateMachine:${name}`;
  const tracedMachines = new Map(stateMachines.map((m) => [machineArn(m.name), m.traced]));
  return {
    listFunctions: async () =>
      functions.map((fn) => ({
        name: fn.name,
        arn: `arn:aws:lambda:${at}:function:${fn.name}`,
        tracingMode: fn.traced ? 'Active' : 'PassThrough',
        timeoutSeconds: fn.timeoutSeconds ?? 30,
        memoryMb: fn.memoryMb ?? 512,
        ...(fn.environment === undefined ? {} : { environment: fn.environment }),
        ...(fn.kmsKeyArn === undefined ? {} : { kmsKeyArn: fn.kmsKeyArn }),
      })),
    listStateMachines: async () =>
      stateMachines.map((m) => ({ name: m.name, arn: machineArn(m.name), type: 'STANDARD' })),
    stateMachineTracing: async (arn) => {
      const traced = tracedMachines.get(arn);
      if (traced === undefined) {
        throw new AwsCallError('states:DescribeStateMachine', 'not-found', 'StateMachineDoesNotExist', arn);
      }
      return traced;
    },
  };
}
