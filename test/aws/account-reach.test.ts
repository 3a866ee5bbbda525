import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_GROUPS } from '../../lambdas/aws/account';
import { MissingPortsError } from '../../lambdas/aws/account-groups';
import { createAccountReacher } from '../../lambdas/aws/account-reach';
import { EnvironmentAccessError } from '../../lambdas/core/errors';
import type { EnvironmentTarget } from '../../lambdas/core/services/target';

/*
 * The check function keeps what it reached while warm: one AssumeRole per role, region and run,
 * never a session of one run for another, and never a failure remembered.
 */

const sts = mockClient(STSClient);

afterAll(() => {
  sts.restore();
});
const PARTNER: EnvironmentTarget = {
  name: 'partner',
  account: '444455556666',
  regions: ['eu-west-1', 'us-east-1'],
  role: { arn: 'arn:aws:iam::444455556666:role/preflight-audit', externalId: 'ext' },
  configured: true,
};
const credentials = {
  AccessKeyId: 'ASIA',
  SecretAccessKey: 's',
  SessionToken: 't',
  Expiration: new Date(Date.now() + 3_600_000),
};
const sessions = () => sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleSessionName);

beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: credentials });
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:sts::111122223333:x' });
});

describe('createAccountReacher', () => {
  it('assumes an environment’s role once per region and run, however many tasks reach it', async () => {
    const reach = createAccountReacher({ groups: ALL_GROUPS });
    const accounts = await Promise.all([
      reach(PARTNER, 'eu-west-1', 'run-1'),
      reach(PARTNER, 'eu-west-1', 'run-1'),
      reach(PARTNER, 'us-east-1', 'run-1'),
    ]);
    expect(accounts[0]).toBe(accounts[1]);
    expect(accounts[2]).not.toBe(accounts[0]);
    expect(sessions()).toEqual(['preflight-run-1', 'preflight-run-1']);
  });

  it('never serves one run with another run’s role session', async () => {
    const reach = createAccountReacher({ groups: ALL_GROUPS });
    await reach(PARTNER, 'eu-west-1', 'run-1');
    await reach(PARTNER, 'eu-west-1', 'run-2');
    expect(sessions()).toEqual(['preflight-run-1', 'preflight-run-2']);
  });

  it('remembers no failure: the next task tries the role again', async () => {
    const reach = createAccountReacher({ groups: ALL_GROUPS });
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDenied' }))
      .resolves({ Credentials: credentials });
    await expect(reach(PARTNER, 'eu-west-1', 'run-1')).rejects.toThrow(EnvironmentAccessError);
    await expect(reach(PARTNER, 'eu-west-1', 'run-1')).resolves.toBeDefined();
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('keeps at most `keep` accounts reached through a role, the oldest leaving first', async () => {
    const reach = createAccountReacher({ groups: ALL_GROUPS, keep: 1 });
    const first = await reach(PARTNER, 'eu-west-1', 'run-1');
    await reach(PARTNER, 'us-east-1', 'run-1');
    expect(await reach(PARTNER, 'eu-west-1', 'run-1')).not.toBe(first);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 3);
  });

  it('reaches Preflight’s own account without STS', async () => {
    const reach = createAccountReacher({ groups: ALL_GROUPS });
    const own = { name: 'default', regions: [], configured: false };
    expect(await reach(own, undefined, 'run-1')).toBe(await reach(own, undefined, 'run-2'));
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
  });

  it('reaches an environment through the reach role when given one: that role first, then the environment’s', async () => {
    const via = 'arn:aws:iam::111122223333:role/preflight-eu-west-1-audit';
    // As the SDK signs: a call goes out once the credentials of its client are resolved.
    const sent: Array<string | undefined> = [];
    sts.on(AssumeRoleCommand).callsFake(async (input: { RoleArn?: string }, getClient) => {
      await getClient().config.credentials();
      sent.push(input.RoleArn);
      return { Credentials: credentials };
    });
    const reach = createAccountReacher({ groups: ALL_GROUPS, via });
    await reach(PARTNER, 'eu-west-1', 'run-1');
    expect(sent).toEqual([via, PARTNER.role?.arn]);
  });

  it('builds only the groups of ports its function carries; another group is an error, not an empty read', async () => {
    const reach = createAccountReacher({ groups: { alarms: ALL_GROUPS.alarms } });
    const account = await reach({ name: 'default', regions: [], configured: false }, 'eu-west-1', 'run-1');
    expect(account.alarms).toBeDefined();
    expect(() => account.secrets).toThrow(MissingPortsError);
    expect(() => account.scope).toThrow(
      /carries no scope clients: the check was routed to the wrong function/,
    );
  });
});
