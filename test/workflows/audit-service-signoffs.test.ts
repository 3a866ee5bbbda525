import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roleSlug } from '../../lambdas/core/gate/signoff-role';
import type { ExtractedStateMachine } from '../harness/asl';
import { functionByEntry, invokeFunction } from '../harness/functions';
import type { LocalTask } from '../harness/run';
import { stubHealthyAccount, stubStateMachineListing } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { functionUrlEvent } from '../support/function-url-event';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * A service's own sign-offs, end to end: the gate of orders-api asks its roles, the request record
 * names the service, and the stack's control function lets only orders-api's approvers answer;
 * another service keeps the default approvers.
 */

const ACCOUNT = '123456789012';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const session = (name: string, who: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${who}`;
const OLI = session('OrdersSecurity', 'oli');
const ANA = session('SecurityApprovers', 'ana');

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const sfn = mockClient(SFNClient);
// Nothing is tagged: every check warns that the service's scope is empty, none fails.
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
  sfn.restore();
  tagging.restore();
});
let machine: ExtractedStateMachine;

beforeAll(() => {
  machine = auditMachineFor({
    gate: {
      signoffs: {
        roles: ['Security Engineer'],
        approvers: { 'Security Engineer': [roleArn('SecurityApprovers')] },
        timeoutMinutes: 60,
      },
    },
    services: {
      'orders-api': {
        environments: ['prod'],
        resources: { tags: { service: 'orders-api' } },
        signoffs: { approvers: { 'Security Engineer': [roleArn('OrdersSecurity')] } },
      },
      payments: { environments: ['prod'], resources: { tags: { service: 'payments' } } },
    },
    environments: { prod: {} },
  });
});

beforeEach(() => {
  s3.install();
  account.install();
  account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  tagging.reset();
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  stubStateMachineListing(sfn);
  sfn.on(SendTaskFailureCommand).resolves({});
});

/** The callback task: the real request function stores the request, then `as` answers through the real control function. */
const answeredBy =
  (as: string): LocalTask =>
  async (input) => {
    const { Payload } = input as unknown as {
      Payload: { role: string; runId: string } & Record<string, unknown>;
    };
    const token = `token-${roleSlug(Payload.role)}`;
    await invokeFunction(functionByEntry(machine, 'lambdas/handlers/audit/request-signoff.ts'), {
      ...Payload,
      taskToken: token,
    });
    const fn = functionByEntry(machine, 'lambdas/handlers/control/endpoint.ts');
    await invokeFunction(
      fn,
      functionUrlEvent(
        { action: 'signoff', runId: Payload.runId, role: Payload.role, approved: true },
        { userArn: as },
      ),
    );
    const success = sfn.commandCalls(SendTaskSuccessCommand).find((c) => c.args[0].input.taskToken === token);
    if (success === undefined)
      throw Object.assign(new Error('no answer in time'), { name: 'States.Timeout' });
    return JSON.parse(success.args[0].input.output ?? 'null') as never;
  };

const gate = (service: string, as: string) =>
  runAudit(
    s3,
    machine,
    { service, environment: 'prod', attestations: ALL_ATTESTATIONS },
    { tasks: { 'Request sign-off': answeredBy(as) } },
  );

describe("audit machine: a service's own sign-offs", () => {
  it("asks the service's roles, records its name, and passes on its own approver's answer", async () => {
    const run = await gate('orders-api', OLI);

    expect(run.statesEntered.filter((s) => s === 'Request sign-off')).toHaveLength(1);
    expect(s3.json('signoffs/deploy-42/security-engineer/request.json')).toMatchObject({
      service: 'orders-api',
      environment: 'prod',
    });
    expect(run.output?.verdict).toBe('PASS');
  });

  it('does not let the default approver answer for a service that names its own', async () => {
    const run = await gate('orders-api', ANA);

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['signoff-technical.security-engineer']);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it("judges another service's gate by the default approvers: one service's approver cannot answer there", async () => {
    const refused = await gate('payments', OLI);
    expect(refused.output?.verdict).toBe('FAIL');

    s3.install();
    sfn.resetHistory();
    const approved = await runAudit(
      s3,
      machine,
      { service: 'payments', environment: 'prod', attestations: ALL_ATTESTATIONS },
      { tasks: { 'Request sign-off': answeredBy(ANA) }, name: 'deploy-43' },
    );
    expect(approved.output?.verdict).toBe('PASS');
  });
});
