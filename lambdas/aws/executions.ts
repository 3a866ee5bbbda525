import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { callAws } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

export interface ExecutionView {
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  /** When the execution started (ISO 8601), when known. */
  readonly startedAt?: string;
  /** The input the execution was started with. */
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

/** The execution ARN a state machine gives an execution of this name. */
export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/**
 * Starts and follows Step Functions executions for the CLI, with StartExecution and
 * DescribeExecution only: a pipeline needs no access to execution history (which holds task data).
 */
export class Executions {
  constructor(private readonly client: SFNClient = new SFNClient(clientConfig())) {}

  static create(options: AwsClientOptions = {}): Executions {
    return new Executions(new SFNClient(clientConfig(options)));
  }

  /**
   * Starts an execution named `name`. A name already used (the same deployment id twice) does not
   * start a second one: the existing execution is returned instead.
   */
  async start(
    stateMachineArn: string,
    name: string,
    input: unknown,
  ): Promise<{ executionArn: string; existed: boolean }> {
    try {
      const started = await this.client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: started.executionArn ?? executionArnFor(stateMachineArn, name), existed: false };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) {
        return callAws('states:StartExecution', () => Promise.reject(error));
      }
      return { executionArn: executionArnFor(stateMachineArn, name), existed: true };
    }
  }

  async describe(executionArn: string): Promise<ExecutionView> {
    const d = await callAws('states:DescribeExecution', () =>
      this.client.send(new DescribeExecutionCommand({ executionArn })),
    );
    return {
      executionArn,
      status: (d.status ?? 'RUNNING') as ExecutionStatus,
      ...(d.startDate === undefined ? {} : { startedAt: d.startDate.toISOString() }),
      ...(d.input === undefined ? {} : { input: JSON.parse(d.input) as unknown }),
      ...(d.output === undefined ? {} : { output: JSON.parse(d.output) as unknown }),
      ...(d.error === undefined ? {} : { error: d.error }),
      ...(d.cause === undefined ? {} : { cause: d.cause }),
    };
  }
}
