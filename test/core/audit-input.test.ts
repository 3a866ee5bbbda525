import { describe, expect, it } from 'vitest';
import { AuditInputError, acceptAuditInput } from '../../lambdas/core/audit-input';
import { validateConfig } from '../../lambdas/core/config/validate';

/** When the run starts (a commit time after it is refused). */
const STARTED_AT = Date.parse('2026-11-26T10:00:00Z');

const config = validateConfig({ checks: { 'iam-access-keys': { enabled: false } } });

function problemsOf(input: unknown): readonly string[] {
  try {
    acceptAuditInput(input, config, 'run-1', STARTED_AT);
  } catch (error) {
    if (error instanceof AuditInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('acceptAuditInput', () => {
  it('selects every enabled check for a gate', () => {
    const audit = acceptAuditInput({ service: 'orders', environment: 'prod' }, config, 'run-1', STARTED_AT);

    expect(audit).toMatchObject({
      mode: 'gate',
      runId: 'run-1',
      deploymentId: 'run-1',
      scope: 'gate/service/orders/environment/prod',
    });
    expect(audit.checkIds).toContain('database-backups');
    expect(audit.checkIds).not.toContain('iam-access-keys');
  });

  it('keeps a commit time up to 5 minutes of clock skew after the start, for the lead time, and refuses a later one', () => {
    const gate = (commitTime: string) => ({ service: 'orders', environment: 'prod', commitTime });
    expect(acceptAuditInput(gate('2026-11-26T10:05:00Z'), config, 'run-1', STARTED_AT).commitAt).toBe(
      '2026-11-26T10:05:00.000Z',
    );
    expect(problemsOf(gate('2026-11-26T10:05:01Z'))).toEqual([
      'commitTime: got 2026-11-26T10:05:01.000Z, after the gate starts (2026-11-26T10:00:00.000Z); a change is committed before it is deployed',
    ]);
  });

  it('runs only the chosen checks in a scheduled run', () => {
    expect(
      acceptAuditInput({ mode: 'scheduled', checks: ['alarms'] }, config, 'r', STARTED_AT).checkIds,
    ).toEqual(['alarms']);
  });

  it.each([
    [{ checks: ['alarms'] }, /^checks: a gate judges every enabled check/],
    [{ mode: 'gate', checks: ['alarms', 'database-backups'] }, /^checks: a gate judges every enabled check/],
    [{ mode: 'scheduled', checks: ['alarm'] }, /^checks: unknown alarm; .*did you mean "alarms"\?$/],
    [
      { mode: 'scheduled', checks: ['iam-access-keys'] },
      /^checks: iam-access-keys does not run under this configuration/,
    ],
    [{ attestations: { 'tests-pass': 'https://ci.example.com/1' } }, /did you mean "tests-passing"\?$/],
    [
      { mode: 'scheduled', attestations: { 'tests-passing': 'https://x.example.com' } },
      /takes no attestations/,
    ],
    [{ deploymentId: '../x' }, /^deploymentId: got "\.\.\/x"; expected 1-128/],
    [{ deploymentId: 'a..b' }, /^deploymentId: got "a\.\.b"; expected no "\.\."/],
    [{ service: 'a b' }, /^service: /],
    [{ environment: '' }, /^environment: /],
    [{ checks: [] }, /^checks: /],
    [{ servce: 'orders' }, /servce/],
  ])('refuses %j, naming the field', (input, message) => {
    expect(problemsOf(input)).toContainEqual(expect.stringMatching(message));
  });
});

describe('acceptAuditInput: the targets of the scheduled posture audit', () => {
  const organized = validateConfig({
    environments: {
      prod: { account: '111122223333', regions: ['eu-west-1', 'us-east-1'] },
      staging: { account: '444455556666', region: 'eu-west-1', access: { roleName: 'preflight-audit' } },
    },
    services: { 'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } } },
    organization: {
      organizationalUnits: ['ou-ab12-11111111'],
      regions: ['eu-west-1'],
      access: { externalId: 'preflight-org' },
    },
  });
  const accept = (input: unknown) => acceptAuditInput(input, organized, 'fanout-1-3', STARTED_AT);
  const refusal = (input: unknown, using = organized) => {
    try {
      acceptAuditInput(input, using, 'r', STARTED_AT);
    } catch (error) {
      if (error instanceof AuditInputError) return error.problems;
      throw error;
    }
    throw new Error('expected the input to be refused');
  };

  it('hands the check tasks the target it resolved: the environment to reach, the resources, the merged settings', () => {
    const audit = acceptAuditInput(
      { service: 'orders-api', environment: 'prod' },
      organized,
      'gate-1',
      STARTED_AT,
    );
    expect(audit.checkTarget).toEqual({
      service: 'orders-api',
      implicit: false,
      environment: expect.objectContaining({
        name: 'prod',
        account: '111122223333',
        regions: ['eu-west-1', 'us-east-1'],
      }),
      resources: { tags: { service: 'orders-api' }, stacks: [], arns: [], names: [] },
      checks: organized.checks,
    });
    const member = accept({ mode: 'scheduled', account: '777788889999', region: 'eu-west-1' });
    expect(member.checkTarget.environment).toMatchObject({
      account: '777788889999',
      role: { arn: 'arn:aws:iam::777788889999:role/preflight-audit', externalId: 'preflight-org' },
    });
  });

  it('audits an organization account through its member role, in one of the organization’s regions, remembered apart', () => {
    const audit = accept({ mode: 'scheduled', account: '777788889999', region: 'eu-west-1' });
    expect(audit).toMatchObject({
      label: 'account 777788889999 eu-west-1',
      scope: 'scheduled/account/777788889999/eu-west-1',
      targetRequest: { account: '777788889999' },
      target: {
        account: '777788889999',
        environment: 'organization',
        regions: ['eu-west-1'],
        implicit: true,
      },
    });
  });

  it('audits a configured environment’s whole account in one region, though services are configured', () => {
    const audit = accept({ mode: 'scheduled', environment: 'prod', region: 'us-east-1' });
    expect(audit).toMatchObject({
      label: 'prod us-east-1',
      scope: 'scheduled/environment/prod/region/us-east-1',
      target: {
        service: 'account',
        environment: 'prod',
        account: '111122223333',
        regions: ['us-east-1'],
        implicit: true,
      },
    });
  });

  it.each([
    [{ account: '777788889999' }, /^account: only the scheduled posture audit names an account/],
    [
      { mode: 'scheduled', account: '777788889999', environment: 'prod' },
      /^account: names an account of the organization, not together with a service or environment/,
    ],
    [{ mode: 'scheduled', account: '7777' }, /^account: got "7777"; expected a 12-digit AWS account id/],
    [
      { mode: 'scheduled', account: '777788889999', region: 'us-east-1' },
      /^region: us-east-1 is not a region of environment "organization"/,
    ],
    [{ mode: 'scheduled', environment: 'prd' }, /unknown environment "prd"; .*did you mean "prod"\?/],
    [{ environment: 'prod' }, /no service given; expected one of orders-api/],
  ])('refuses %j, naming the field', (input, message) => {
    expect(refusal(input)).toContainEqual(expect.stringMatching(message));
  });

  it('refuses an account when no organization is configured', () => {
    expect(refusal({ mode: 'scheduled', account: '777788889999' }, config)).toContainEqual(
      expect.stringMatching(/^account: 777788889999 is named, but no organization is configured/),
    );
  });
});
