import { CodeDeployClient, GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentClients } from '../../lambdas/aws/environment-clients';
import type { EnvironmentRollbackRequest } from '../../lambdas/aws/environment-rollbacks';
import { EnvironmentRollbacks } from '../../lambdas/aws/environment-rollbacks';
import { EnvironmentAccessError } from '../../lambdas/core/errors';
import type { EnvironmentTarget } from '../../lambdas/core/services/target';
import { sentWith } from '../support/sent-with';

const sts = mockClient(STSClient);
const codedeploy = mockClient(CodeDeployClient);

afterAll(() => {
  sts.restore();
  codedeploy.restore();
});
const HOUR = 3_600_000;
const denied = () =>
  Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' });
const PROD: EnvironmentTarget = {
  name: 'prod',
  account: '444455556666',
  regions: ['eu-west-1'],
  role: { arn: 'arn:aws:iam::444455556666:role/preflight-audit', externalId: 'x-prod' },
  rollbackRole: { arn: 'arn:aws:iam::444455556666:role/preflight-rollback', externalId: 'x-prod' },
  configured: true,
};

beforeEach(() => {
  sts.reset();
  codedeploy.reset();
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => ({
    Credentials: {
      AccessKeyId: `ASIA-${input.RoleArn.split('/')[1]}`,
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: new Date(Date.now() + HOUR),
    },
  }));
});

describe('EnvironmentClients', () => {
  it('assumes a role once per role and region, however often its clients are asked for', async () => {
    const clients = new EnvironmentClients((options) => options, 'watch');

    const first = await clients.get(PROD, 'eu-west-1');
    await Promise.all([clients.get(PROD, 'eu-west-1'), clients.get(PROD, 'eu-west-1')]);
    const other = await clients.get(PROD, 'us-east-1');

    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
    expect(first.region).toBe('eu-west-1');
    expect(other.region).toBe('us-east-1');
  });

  it('keeps no failure: a role that could not be assumed is tried again at the next call', async () => {
    const clients = new EnvironmentClients((options) => options, 'watch');
    let calls = 0;
    sts.on(AssumeRoleCommand).callsFake(() => {
      calls += 1;
      if (calls === 1) throw denied();
      return {
        Credentials: { AccessKeyId: 'ASIA-2', SecretAccessKey: 's', Expiration: new Date(Date.now() + HOUR) },
      };
    });

    await expect(clients.get(PROD, 'eu-west-1')).rejects.toBeInstanceOf(EnvironmentAccessError);
    await expect(clients.get(PROD, 'eu-west-1')).resolves.toMatchObject({ region: 'eu-west-1' });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });
});

describe('EnvironmentRollbacks', () => {
  const request = (reach: EnvironmentTarget): EnvironmentRollbackRequest => ({
    action: {
      action: 'codedeploy',
      deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
    },
    deploymentId: 'd-4EXAMPLE1',
    service: 'orders',
    environment: reach.name,
    runId: 'd-4EXAMPLE1',
    decision: {},
    evidence: [],
    where: { account: '444455556666', region: 'eu-west-1' },
    reach,
  });

  it('acts as the rollback role, never the audit role, in the service’s region', async () => {
    codedeploy.on(GetDeploymentCommand).resolves({
      deploymentInfo: { applicationName: 'orders', deploymentGroupName: 'orders-prod' },
    });
    codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });

    const result = await new EnvironmentRollbacks().run(request(PROD));

    expect(result.succeeded).toBe(true);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::444455556666:role/preflight-rollback',
      ExternalId: 'x-prod',
    });
    expect(sts).not.toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::444455556666:role/preflight-audit',
    });
    const [stop] = codedeploy.commandCalls(StopDeploymentCommand);
    await expect(sentWith(stop as NonNullable<typeof stop>)).resolves.toEqual({
      region: 'eu-west-1',
      accessKeyId: 'ASIA-preflight-rollback',
    });
  });

  it('refuses without a rollback role where the environment is reached through a role', async () => {
    const { rollbackRole: _none, ...auditOnly } = PROD;

    const result = await new EnvironmentRollbacks().run(request(auditOnly));

    expect(result).toEqual({
      action: 'codedeploy',
      succeeded: false,
      detail:
        'refused to roll back: environment "prod" names no rollback role (environments.prod.access.rollbackRoleName), and its audit role is read-only; nothing was rolled back',
    });
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    expect(codedeploy.calls()).toHaveLength(0);
  });

  it('reports a rollback role that cannot be assumed as a failed rollback, acting on nothing', async () => {
    sts.on(AssumeRoleCommand).rejects(denied());

    const result = await new EnvironmentRollbacks().run(request(PROD));

    expect(result.succeeded).toBe(false);
    expect(result.detail).toMatch(
      /^could not reach environment "prod" to roll back: could not assume arn:aws:iam::444455556666:role\/preflight-rollback .*; nothing was rolled back$/,
    );
    expect(codedeploy.calls()).toHaveLength(0);
  });

  it('needs no access at all for action none', async () => {
    const result = await new EnvironmentRollbacks().run({ ...request(PROD), action: { action: 'none' } });

    expect(result.succeeded).toBe(true);
    expect(sts.calls()).toHaveLength(0);
  });
});
