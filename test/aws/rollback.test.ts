import { CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clientTokenFor,
  type RollbackAction,
  RollbackActions,
  type RollbackRequest,
} from '../../lambdas/aws/rollback';

const codedeploy = mockClient(CodeDeployClient);
const lambda = mockClient(LambdaClient);
const ssm = mockClient(SSMClient);
const actions = RollbackActions.create({ region: 'us-east-1' });
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:orders-rollback';

function request(action: RollbackAction): RollbackRequest {
  return {
    action,
    deploymentId: 'd-4EXAMPLE1',
    service: 'orders',
    environment: 'prod',
    runId: 'd-4EXAMPLE1',
    decision: { kind: 'ROLLBACK', triggerId: 'error-rate' },
    evidence: [{ triggerId: 'error-rate', status: 'BREACH' }],
  };
}

const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });

describe('RollbackActions', () => {
  beforeEach(() => {
    codedeploy.reset();
    lambda.reset();
    ssm.reset();
  });

  describe('codedeploy', () => {
    it('stops the deployment with automatic rollback', async () => {
      codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending', statusMessage: 'stopping' });

      const result = await actions.run(request({ action: 'codedeploy' }));

      expect(codedeploy).toHaveReceivedCommandWith(StopDeploymentCommand, {
        deploymentId: 'd-4EXAMPLE1',
        autoRollbackEnabled: true,
      });
      expect(result).toEqual({
        action: 'codedeploy',
        succeeded: true,
        detail: 'stopped CodeDeploy deployment d-4EXAMPLE1 with rollback (Pending: stopping)',
      });
    });

    it('returns a denied call as a failure naming the action, without throwing', async () => {
      codedeploy.on(StopDeploymentCommand).rejects(denied());

      const result = await actions.run(request({ action: 'codedeploy' }));

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
