import { DescribeStateMachineCommand, paginateListStateMachines, type SFNClient } from '@aws-sdk/client-sfn';
import type { StateMachineSummary } from '../../core/checks/tracing/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const LIST_STATE_MACHINES = 'states:ListStateMachines';

/** ListStateMachines' largest page. */
export const STATE_MACHINES_PAGE_SIZE = 1000;

/** Every state machine of the region. */
export async function listStateMachines(client: SFNClient): Promise<StateMachineSummary[]> {
  const machines = await collectPages(
    LIST_STATE_MACHINES,
    paginateListStateMachines({ client, pageSize: STATE_MACHINES_PAGE_SIZE }, {}),
    (page) => page.stateMachines,
  );
  return readEach(
    LIST_STATE_MACHINES,
    machines,
    (machine) => ({ arn: machine.stateMachineArn, names: [machine.name] }),
    (machine) => ({
      name: required(LIST_STATE_MACHINES, 'stateMachines[].name', machine.name),
      arn: required(LIST_STATE_MACHINES, 'stateMachines[].stateMachineArn', machine.stateMachineArn),
      ...(machine.type === undefined ? {} : { type: machine.type }),
    }),
  );
}

/** Whether X-Ray tracing is on for one state machine; absent configuration means off (the default). */
export async function stateMachineTracing(client: SFNClient, arn: string): Promise<boolean> {
  const described = await callAws('states:DescribeStateMachine', () =>
    client.send(new DescribeStateMachineCommand({ stateMachineArn: arn })),
  );
  return described.tracingConfiguration?.enabled === true;
}
