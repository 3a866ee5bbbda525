import { createHash } from 'node:crypto';
import { CodeDeployClient, GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import type { WatchSettings } from '../core/config/watch-schema';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../core/identifiers';
import { callAws } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/*
 * The watch's rollback actions (`watch.rollback`, from the configuration only): stop a CodeDeploy
 * deployment of a configured deployment group with rollback, invoke a configured Lambda function,
 * start a configured SSM Automation document, or nothing (the pipeline acts on the result). Each acts
 * in the watched service's account and region only (`where`), with the clients it is given (the
 * environment's rollback role, see `environment-rollbacks.ts`). A failure or a refusal is returned as data
 * ({ succeeded: false, detail }), never thrown: the caller records it and tells people to roll back
 * by hand, and a retry never runs the action a second time.
 */

export type RollbackAction = WatchSettings['rollback'];

/** Where the watched service runs: the rollback action acts in this account and region only. */
export interface RollbackWhere {
  readonly account: string;
  readonly region: string;
}

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
  readonly where: RollbackWhere;
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

/** What the `none` action reports: it calls nothing. */
export const NO_ROLLBACK_ACTION = 'no rollback action is configured: the pipeline acts on the decision';

/** The action would act outside what the configuration names: nothing was done. */
export class RollbackRefusedError extends Error {
  override readonly name = 'RollbackRefusedError';
}

/**
 * `{deploymentId}`, `{service}` and `{environment}` in SSM parameter values become the release's,
 * each checked again by its own rule first: only a validated value ever reaches a parameter.
 */
function substitute(value: string, request: RollbackRequest): string {
  const values = {
    deploymentId: DeploymentIdSchema.safeParse(request.deploymentId),
    service: ServiceNameSchema.safeParse(request.service),
    environment: EnvironmentNameSchema.safeParse(request.environment),
  };
  return value.replace(/\{(deploymentId|service|environment)\}/g, (_, name: keyof typeof values) => {
    const checked = values[name];
    if (!checked.success) {
      throw new RollbackRefusedError(
        `refused to start the automation: the ${name} ${JSON.stringify(request[name])} is not valid (${checked.error.issues[0]?.message}); nothing was started`,
      );
    }
    return checked.data;
  });
}

/** A UUID derived from the run: SSM refuses a second start with the same ClientToken. */
export function clientTokenFor(runId: string): string {
  const hex = createHash('sha256').update(`preflight-rollback:${runId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const groupName = (g: { applicationName: string; deploymentGroupName: string }) =>
  `${g.applicationName}/${g.deploymentGroupName}`;

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
        return NO_ROLLBACK_ACTION;
      case 'codedeploy':
        return this.stopDeployment(request, action.deploymentGroups);
      case 'lambda':
        return this.invokeFunction(request, action.functionArn);
      case 'ssm-automation': {
        this.refuseOutside(request, action.documentName, 'start');
        for (const role of action.parameters.AutomationAssumeRole ?? []) {
          this.refuseOutside(request, role, 'pass', { accountOnly: true });
        }
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

  /**
   * Stops the deployment with rollback, only after GetDeployment shows it belongs to a configured
   * deployment group (application and group name): another team's deployment is never stopped.
   */
  private async stopDeployment(
    request: RollbackRequest,
    groups: readonly { applicationName: string; deploymentGroupName: string }[],
  ): Promise<string> {
    const id = request.deploymentId;
    const configured = groups.map(groupName).join(', ');
    const info = await callAws('codedeploy:GetDeployment', () =>
      this.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId: id })),
    ).catch((error: Error) => {
      throw new RollbackRefusedError(
        `refused to stop CodeDeploy deployment ${id}: could not confirm that it belongs to a configured deployment group (${configured}): ${error.message}; nothing was stopped`,
        { cause: error },
      );
    });
    const app = info.deploymentInfo?.applicationName;
    const group = info.deploymentInfo?.deploymentGroupName;
    if (!groups.some((g) => g.applicationName === app && g.deploymentGroupName === group)) {
      throw new RollbackRefusedError(
        `refused to stop CodeDeploy deployment ${id}: it belongs to ${app ?? '(no application)'}/${group ?? '(no deployment group)'}, not to a configured deployment group (${configured}); nothing was stopped`,
      );
    }
    const out = await callAws('codedeploy:StopDeployment', () =>
      this.clients.codedeploy.send(
        new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }),
      ),
    );
    return `stopped CodeDeploy deployment ${id} of ${app}/${group} with rollback (${out.status ?? 'status unknown'}${out.statusMessage ? `: ${out.statusMessage}` : ''})`;
  }

  /**
   * Refuses an ARN outside the service's account (and region): the rollback acts where the watched
   * service runs, nowhere else. A bare name (an SSM document in this account) is in place by definition.
   */
  private refuseOutside(
    request: RollbackRequest,
    arn: string,
    verb: string,
    options: { accountOnly?: boolean } = {},
  ): void {
    if (!arn.startsWith('arn:')) return;
    const [, , , region, account] = arn.split(':');
    const { where } = request;
    const regionOk = options.accountOnly === true || region === '' || region === where.region;
    if (account !== where.account || !regionOk) {
      throw new RollbackRefusedError(
        `refused to ${verb} ${arn}: the rollback action runs in the service's account and region only (${where.account}, ${where.region}); nothing was started`,
      );
    }
  }

  /** Invokes the configured function synchronously, only in the service's own account and region. */
  private async invokeFunction(request: RollbackRequest, functionArn: string): Promise<string> {
    const [, , , region, account] = functionArn.split(':');
    const { where } = request;
    if (region !== where.region || account !== where.account) {
      throw new RollbackRefusedError(
        `refused to invoke ${functionArn}: the rollback action runs in the service's account and region only (${where.account}, ${where.region}); nothing was invoked`,
      );
    }
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
          FunctionName: functionArn,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      ),
    );
    if (out.FunctionError !== undefined) {
      const body = out.Payload === undefined ? '' : new TextDecoder().decode(out.Payload).slice(0, 500);
      throw new Error(`${functionArn} returned a function error (${out.FunctionError}): ${body}`);
    }
    return `invoked ${functionArn} (status ${out.StatusCode ?? 'unknown'})`;
  }
}
