import { CodeDeployClient, GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clientTokenFor,
  type RollbackAction,
  RollbackActions,
  type RollbackRequest,
} from '../../lambdas/aws/rollback';

const codedeploy = mockClient(CodeDeployClient);
const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);

afterAll(() => {
  codedeploy.restore();
  lambda.restore();
  ssm.restore();
});
const actions = RollbackActions.create({ region: 'us-east-1' });
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:orders-rollback';
const HOME = { account: '123456789012', region: 'us-east-1' };
const CODEDEPLOY: RollbackAction = {
  action: 'codedeploy',
  deploymentGroups: [
    { applicationName: 'orders', deploymentGroupName: 'orders-prod' },
    { applicationName: 'orders', deploymentGroupName: 'orders-canary' },
  ],
};

function request(action: RollbackAction, fields: Partial<RollbackRequest> = {}): RollbackRequest {
  return {
    action,
    deploymentId: 'd-4EXAMPLE1',
    service: 'orders',
    environment: 'prod',
    runId: 'd-4EXAMPLE1',
    decision: { kind: 'ROLLBACK', triggerId: 'error-rate' },
    evidence: [{ triggerId: 'error-rate', status: 'BREACH' }],
    where: HOME,
    ...fields,
  };
}

/** GetDeployment answers that the deployment belongs to `application/group`. */
const belongsTo = (applicationName: string, deploymentGroupName: string) =>
  codedeploy
    .on(GetDeploymentCommand)
    .resolves({ deploymentInfo: { deploymentId: 'd-4EXAMPLE1', applicationName, deploymentGroupName } });

const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });

describe('RollbackActions', () => {
  beforeEach(() => {
    codedeploy.reset();
    lambda.reset();
    ssm.reset();
  });

  describe('codedeploy', () => {
    it('stops a deployment of a configured deployment group with automatic rollback', async () => {
      belongsTo('orders', 'orders-canary');
      codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending', statusMessage: 'stopping' });

      const result = await actions.run(request(CODEDEPLOY));

      expect(codedeploy).toHaveReceivedCommandWith(GetDeploymentCommand, { deploymentId: 'd-4EXAMPLE1' });
      expect(codedeploy).toHaveReceivedCommandWith(StopDeploymentCommand, {
        deploymentId: 'd-4EXAMPLE1',
        autoRollbackEnabled: true,
      });
      expect(result).toEqual({
        action: 'codedeploy',
        succeeded: true,
        detail:
          'stopped CodeDeploy deployment d-4EXAMPLE1 of orders/orders-canary with rollback (Pending: stopping)',
      });
    });

    it.each([
      ['another team’s deployment group', 'payments', 'payments-prod'],
      ['a group of the same name in another application', 'billing', 'orders-prod'],
      ['another group of the configured application', 'orders', 'orders-staging'],
    ])('refuses %s: StopDeployment is never called', async (_, application, group) => {
      belongsTo(application, group);

      const result = await actions.run(request(CODEDEPLOY));

      expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
      expect(result).toEqual({
        action: 'codedeploy',
        succeeded: false,
        detail: `refused to stop CodeDeploy deployment d-4EXAMPLE1: it belongs to ${application}/${group}, not to a configured deployment group (orders/orders-prod, orders/orders-canary); nothing was stopped`,
      });
    });

    it('refuses when it cannot confirm the group (IAM allows GetDeployment on the configured groups only)', async () => {
      codedeploy.on(GetDeploymentCommand).rejects(denied());

      const result = await actions.run(request(CODEDEPLOY));

      expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
      expect(result.succeeded).toBe(false);
      expect(result.detail).toMatch(
        /^refused to stop CodeDeploy deployment d-4EXAMPLE1: could not confirm that it belongs to a configured deployment group .*codedeploy:GetDeployment failed \(AccessDeniedException\).*nothing was stopped$/,
      );
    });

    it('returns a denied stop as a failure naming the action, without throwing', async () => {
      belongsTo('orders', 'orders-prod');
      codedeploy.on(StopDeploymentCommand).rejects(denied());

      const result = await actions.run(request(CODEDEPLOY));

      expect(result).toEqual({
        action: 'codedeploy',
        succeeded: false,
        detail: 'codedeploy:StopDeployment failed (AccessDeniedException): not authorized',
      });
    });
  });

  describe('lambda', () => {
    it('invokes the function synchronously with the decision and the evidence', async () => {
      lambda.on(InvokeCommand).resolves({ StatusCode: 200 });

      const result = await actions.run(request({ action: 'lambda', functionArn: FUNCTION }));

      expect(result).toEqual({
        action: 'lambda',
        succeeded: true,
        detail: `invoked ${FUNCTION} (status 200)`,
      });
      const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
      expect(input).toMatchObject({ FunctionName: FUNCTION, InvocationType: 'RequestResponse' });
      expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({
        source: 'preflight-watch',
        deploymentId: 'd-4EXAMPLE1',
        service: 'orders',
        environment: 'prod',
        decision: { kind: 'ROLLBACK', triggerId: 'error-rate' },
        evidence: [{ triggerId: 'error-rate', status: 'BREACH' }],
      });
    });

    it.each([
      ['another region', 'arn:aws:lambda:eu-west-1:123456789012:function:orders-rollback'],
      ['another account', 'arn:aws:lambda:us-east-1:111122223333:function:orders-rollback'],
    ])(
      'refuses a function in %s: the action runs in the service’s account and region only',
      async (_, arn) => {
        const result = await actions.run(request({ action: 'lambda', functionArn: arn }));

        expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
        expect(result.succeeded).toBe(false);
        expect(result.detail).toBe(
          `refused to invoke ${arn}: the rollback action runs in the service's account and region only (123456789012, us-east-1); nothing was invoked`,
        );
      },
    );

    it('treats an error the function returned as a failed rollback', async () => {
      lambda.on(InvokeCommand).resolves({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: new TextEncoder().encode('{"errorMessage":"no previous version"}') as never,
      });

      const result = await actions.run(request({ action: 'lambda', functionArn: FUNCTION }));

      expect(result.succeeded).toBe(false);
      expect(result.detail).toBe(
        `${FUNCTION} returned a function error (Unhandled): {"errorMessage":"no previous version"}`,
      );
    });
  });

  describe('ssm-automation', () => {
    it('starts the document with the deployment filled into its parameters, idempotently per run', async () => {
      ssm.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: 'exec-1' });

      const result = await actions.run(
        request({
          action: 'ssm-automation',
          documentName: 'Orders-Rollback',
          parameters: { DeploymentId: ['{deploymentId}'], Target: ['{service}-{environment}'] },
        }),
      );

      expect(result).toEqual({
        action: 'ssm-automation',
        succeeded: true,
        detail: 'started SSM Automation Orders-Rollback (execution exec-1)',
      });
      expect(ssm).toHaveReceivedCommandWith(StartAutomationExecutionCommand, {
        DocumentName: 'Orders-Rollback',
        Parameters: { DeploymentId: ['d-4EXAMPLE1'], Target: ['orders-prod'] },
        ClientToken: clientTokenFor('d-4EXAMPLE1'),
      });
    });

    it.each([
      ['service', { service: 'orders,Target=arn:aws:ec2:*' }],
      ['environment', { environment: 'prod"],"AutomationAssumeRole":["x' }],
      ['deploymentId', { deploymentId: '../../etc' }],
    ])('never fills an invalid %s into a parameter: nothing is started', async (name, fields) => {
      const result = await actions.run(
        request(
          {
            action: 'ssm-automation',
            documentName: 'Orders-Rollback',
            parameters: { Target: ['{service}-{environment}'], DeploymentId: ['{deploymentId}'] },
          },
          fields,
        ),
      );

      expect(ssm).not.toHaveReceivedCommand(StartAutomationExecutionCommand);
      expect(result.succeeded).toBe(false);
      expect(result.detail).toMatch(
        new RegExp(`^refused to start the automation: the ${name} .* is not valid .*; nothing was started$`),
      );
    });

    it.each([
      [
        'a document of another account',
        { documentName: 'arn:aws:ssm:us-east-1:999999999999:document/Orders-Rollback', parameters: {} },
        'start arn:aws:ssm:us-east-1:999999999999:document/Orders-Rollback',
      ],
      [
        'a document of another region',
        { documentName: 'arn:aws:ssm:eu-west-1:123456789012:document/Orders-Rollback', parameters: {} },
        'start arn:aws:ssm:eu-west-1:123456789012:document/Orders-Rollback',
      ],
      [
        'an automation role of another account',
        {
          documentName: 'Orders-Rollback',
          parameters: { AutomationAssumeRole: ['arn:aws:iam::999999999999:role/orders-automation'] },
        },
        'pass arn:aws:iam::999999999999:role/orders-automation',
      ],
    ])(
      'refuses %s: the automation runs in the service’s account and region only',
      async (_, ssmAction, what) => {
        const result = await actions.run(request({ action: 'ssm-automation', ...ssmAction }));

        expect(ssm).not.toHaveReceivedCommand(StartAutomationExecutionCommand);
        expect(result).toEqual({
          action: 'ssm-automation',
          succeeded: false,
          detail: `refused to ${what}: the rollback action runs in the service's account and region only (123456789012, us-east-1); nothing was started`,
        });
      },
    );

    it('derives a stable UUID-shaped client token from the run', () => {
      expect(clientTokenFor('d-4EXAMPLE1')).toBe(clientTokenFor('d-4EXAMPLE1'));
      expect(clientTokenFor('d-4EXAMPLE1')).not.toBe(clientTokenFor('d-4EXAMPLE2'));
      expect(clientTokenFor('d-4EXAMPLE1')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('returns a failure when the automation cannot start', async () => {
      ssm.on(StartAutomationExecutionCommand).rejects(denied());

      const result = await actions.run(
        request({ action: 'ssm-automation', documentName: 'Orders-Rollback', parameters: {} }),
      );

      expect(result).toMatchObject({
        succeeded: false,
        detail: expect.stringMatching(/ssm:StartAutomationExecution/),
      });
    });
  });

  it('does nothing with action none, and says the pipeline acts', async () => {
    const result = await actions.run(request({ action: 'none' }));

    expect(result).toEqual({
      action: 'none',
      succeeded: true,
      detail: 'no rollback action is configured: the pipeline acts on the decision',
    });
    expect(codedeploy.calls()).toHaveLength(0);
    expect(lambda.calls()).toHaveLength(0);
    expect(ssm.calls()).toHaveLength(0);
  });
});
