import { createHash } from 'node:crypto';
import { CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import type { WatchSettings } from '../core/config/watch-schema';
import { callAws } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/*
 * The watch's rollback actions (`watch.rollback`): stop a CodeDeploy deployment with rollback, invoke
 * a Lambda function, start an SSM Automation execution, or nothing (the pipeline acts on the result).
 * A failure is returned as data ({ succeeded: false, detail }), never thrown: the caller records it
 * and tells people to roll back by hand, and a retry never runs the action a second time.
 */

export type RollbackAction = WatchSettings['rollback'];

/** What the action needs to know about the release and the decision. */
export interface RollbackRequest {
  readonly action: RollbackAction;
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  /** The watch's run id (execution name): makes the SSM start idempotent. */
  readonly runId: string;
  /** The decision and its evidence, sent to a Lambda action as is. */
  readonly decision: unknown;
  readonly evidence: unknown;
}

export interface RollbackResult {
  readonly action: RollbackAction['action'];
  readonly succeeded: boolean;
  readonly detail: string;
}

export interface RollbackClients {
  readonly codedeploy: CodeDeployClient;
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
}

/** `{deploymentId}`, `{service}` and `{environment}` in SSM parameter values become the release's. */
function substitute(value: string, request: RollbackRequest): string {
  return value
    .replaceAll('{deploymentId}', request.deploymentId)
    .replaceAll('{service}', request.service)
    .replaceAll('{environment}', request.environment);
}

/** A UUID derived from the run: SSM refuses a second start with the same ClientToken. */
export function clientTokenFor(runId: string): string {
  const hex = createHash('sha256').update(`preflight-rollback:${runId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Runs the configured rollback action; clients are created once and reused. */
export class RollbackActions {
  constructor(private readonly clients: RollbackClients) {}

  static create(options: AwsClientOptions = {}): RollbackActions {
    const config = clientConfig(options);
    return new RollbackActions({
      codedeploy: new CodeDeployClient(config),
      lambda: new LambdaClient(config),
      ssm: new SSMClient(config),
    });
  }

  async run(request: RollbackRequest): Promise<RollbackResult> {
    const { action } = request;
    try {
      return { action: action.action, succeeded: true, detail: await this.perform(request) };
    } catch (error) {
      return { action: action.action, succeeded: false, detail: (error as Error).message };
    }
  }

  private async perform(request: RollbackRequest): Promise<string> {
    const { action } = request;
    switch (action.action) {
      case 'none':
        return 'no rollback action is configured: the pipeline acts on the decision';
      case 'codedeploy': {
        const out = await callAws('codedeploy:StopDeployment', () =>
          this.clients.codedeploy.send(
            new StopDeploymentCommand({ deploymentId: request.deploymentId, autoRollbackEnabled: true }),
          ),
        );
        return `stopped CodeDeploy deployment ${request.deploymentId} with rollback (${out.status ?? 'status unknown'}${out.statusMessage ? `: ${out.statusMessage}` : ''})`;
      }
      case 'lambda': {
        const payload = {
          source: 'preflight-watch',
          deploymentId: request.deploymentId,
          service: request.service,
          environment: request.environment,
          decision: request.decision,
          evidence: request.evidence,
        };
        const out = await callAws('lambda:InvokeFunction', () =>
          this.clients.lambda.send(
            new InvokeCommand({
              FunctionName: action.functionArn,
              InvocationType: 'RequestResponse',
              Payload: new TextEncoder().encode(JSON.stringify(payload)),
            }),
          ),
        );
        if (out.FunctionError !== undefined) {
          const body = out.Payload === undefined ? '' : new TextDecoder().decode(out.Payload).slice(0, 500);
          throw new Error(`${action.functionArn} returned a function error (${out.FunctionError}): ${body}`);
        }
        return `invoked ${action.functionArn} (status ${out.StatusCode ?? 'unknown'})`;
      }
      case 'ssm-automation': {
        const parameters = Object.fromEntries(
          Object.entries(action.parameters).map(([name, values]) => [
            name,
            values.map((v) => substitute(v, request)),
          ]),
        );
        const out = await callAws('ssm:StartAutomationExecution', () =>
          this.clients.ssm.send(
            new StartAutomationExecutionCommand({
              DocumentName: action.documentName,
              Parameters: parameters,
              ClientToken: clientTokenFor(request.runId),
            }),
          ),
        );
        return `started SSM Automation ${action.documentName} (execution ${out.AutomationExecutionId ?? 'unknown'})`;
      }
    }
  }
}
