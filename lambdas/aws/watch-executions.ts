import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { WatchExecution, WatchExecutions } from '../core/control/ports';
import { executionName } from '../core/execution-name';
import { callAws } from './call';
import { clientConfig } from './client-config';
import { executionArnFor } from './executions';

/** The watch executions of one state machine, found by the deployment id that names them. */
export class SfnWatchExecutions implements WatchExecutions {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new SFNClient(clientConfig()),
  ) {}

  async find(deploymentId: string): Promise<WatchExecution | undefined> {
    const executionArn = executionArnFor(this.stateMachineArn, executionName(deploymentId));
    try {
      const described = await callAws('states:DescribeExecution', () =>
        this.client.send(new DescribeExecutionCommand({ executionArn })),
      );
      const service = serviceOf(described.input);
      return {
        status: described.status ?? 'RUNNING',
        ...(described.startDate === undefined ? {} : { startedAt: described.startDate.toISOString() }),
        ...(service === undefined ? {} : { service }),
      };
    } catch (error) {
      if ((error as { code?: string }).code === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }
}

/** The `service` of an execution's input, when the input is JSON that names one. */
function serviceOf(input: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(input ?? '');
    const service = (parsed as { service?: unknown } | null)?.service;
    return typeof service === 'string' ? service : undefined;
  } catch {
    return undefined;
  }
}
