import { StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { functionByEntry, invokeFunction } from '../harness/functions';
import { functionUrlEvent } from '../support/function-url-event';
import {
  CODEDEPLOY,
  codedeploy,
  DEPLOYMENT,
  HEALTHY,
  historyEvent,
  METRICS,
  machineFor,
  metricsFrom,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

/*
 * The abort path end to end: a signed caller asks the stack's real control function, which records
 * the abort; the synthesized watch machine, run locally with its real handlers, reads that record
 * and rolls back, naming who asked.
 */

const ONCALL = 'arn:aws:sts::123456789012:assumed-role/OnCall/olu';
const sfn = mockClient(SFNClient);
stubWatchAccount();
afterAll(() => {
  sfn.restore();
});

describe('watch state machine: an abort through the control endpoint', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });
  beforeEach(() => {
    sfn.reset();
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' });
  });

  it('rolls back within a period, recording the signed caller as who aborted', async () => {
    const control = functionByEntry(machine, 'lambdas/handlers/control/endpoint.ts');
    const evaluate = functionByEntry(machine, 'lambdas/handlers/watch/evaluate.ts');
    metricsFrom(HEALTHY);
    let steps = 0;
    let reply: { statusCode: number } | undefined;

    const run = await watch(machine, undefined, {
      tasks: {
        // While the watch runs, before its second step, on-call asks the control endpoint to abort.
        Evaluate: async (input) => {
          steps += 1;
          if (steps === 2) {
            reply = (await invokeFunction(
              control,
              functionUrlEvent(
                { action: 'abort', deploymentId: DEPLOYMENT, reason: 'user-impact', note: 'checkout errors' },
                { userArn: ONCALL },
              ),
            )) as { statusCode: number };
          }
          return (await invokeFunction(evaluate, input)) as never;
        },
      },
    });

    expect(reply?.statusCode).toBe(200);
    expect(steps).toBe(2);
    expect(run.output).toMatchObject({
      decision: 'ROLLBACK',
      trigger: null,
      reason: 'manual abort (user-impact): checkout errors',
    });
    expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
    expect(historyEvent('abort')).toMatchObject({ reasonCode: 'user-impact', by: ONCALL });
  });
});
