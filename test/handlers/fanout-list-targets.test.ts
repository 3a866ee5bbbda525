import {
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../lambdas/core/config/validate';
import { fanoutKeys } from '../../lambdas/core/fanout/keys';
import { fanoutSettings, planTargets } from '../../lambdas/core/fanout/targets';
import { InvalidInputError } from '../../lambdas/handlers/errors';
import { run } from '../../lambdas/handlers/fanout/list-targets';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * The list step plans from the fan-out's slice of the configuration, written into the state machine
 * at synth time. It validates that slice itself: a value that is not what the configuration allows
 * fails the step, naming the field, before anything is planned or written.
 */

process.env.REPORT_BUCKET = 'reports';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';

const s3 = stubS3();

afterAll(() => {
  s3.mock.restore();
});
const CONFIG = validateConfig({
  environments: {
    prod: { account: '111122223333', regions: ['eu-west-1', 'us-east-1'], access: { roleName: 'audit' } },
    staging: { access: { roleArn: 'arn:aws:iam::444455556666:role/audit' }, region: 'eu-west-1' },
  },
});
const SETTINGS = fanoutSettings(CONFIG);

describe('list-targets handler', () => {
  beforeEach(() => {
    s3.install();
    s3.objects.clear();
  });

  it('plans from the slice exactly what the configuration plans, and writes items and plan', async () => {
    const out = await run({ settings: SETTINGS, runId: 'daily' });
    const plan = planTargets(CONFIG);
    expect(out).toEqual({
      items: { bucket: 'reports', key: fanoutKeys.items('daily') },
      count: 3,
      listingProblems: 0,
    });
    expect(JSON.parse(s3.objects.get(`reports/${fanoutKeys.plan('daily')}`) as string)).toEqual(plan);
    expect(JSON.parse(s3.objects.get(`reports/${fanoutKeys.items('daily')}`) as string)).toEqual(
      plan.targets.map((target) => target.item),
    );
    // The staging account comes from its role's ARN; the second region of prod audits region-wide checks only.
    expect(plan.targets.map((t) => t.label)).toEqual([
      'prod (111122223333) eu-west-1',
      'prod (111122223333) us-east-1',
      'staging (444455556666) eu-west-1',
    ]);
    expect(plan.targets[1]?.item.checks).toEqual(SETTINGS.checks.regionWide);
    expect(SETTINGS.checks.regionWide).not.toContain('iam-access-keys');
  });

  it.each([
    [
      'an account that is not an account id',
      { ...SETTINGS, environments: [{ name: 'prod', account: '$.attacker', regions: [] }] },
      'settings.environments.0.account: expected a 12-digit AWS account id',
    ],
    [
      'an environment name that is not one',
      { ...SETTINGS, environments: [{ name: 'Prod Account', regions: ['eu-west-1'] }] },
      'settings.environments.0.name: expected a lower-case environment name such as prod',
    ],
    [
      'an OU that is not an OU id',
      {
        ...SETTINGS,
        organization: { organizationalUnits: ['*'], includeChildUnits: true, regions: ['eu-west-1'] },
      },
      'settings.organization.organizationalUnits.0: expected an OU id such as ou-ab12-11111111',
    ],
    [
      'a key the slice does not have',
      { ...SETTINGS, config: { gate: {} } },
      'settings: Unrecognized key: "config"',
    ],
    [
      'no slice at all (the old input)',
      undefined,
      'settings: Invalid input: expected object, received undefined',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_what, settings, message) => {
    const refused = run({ settings, runId: 'daily' });
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toThrow(message);
    expect(s3.objects.size).toBe(0);
  });
});

describe('list-targets handler: Preflight’s own account listed in an OU', () => {
  // Preflight's account is most often in an OU it audits: with an environment that names no account
  // (Preflight's own), it was audited a second time as an organization account, through the member
  // role, its account-wide findings judged and alerted twice.
  const OWN = '123456789012';
  const ALPHA = '111111111111';
  const organizations = mockClient(OrganizationsClient);
  afterAll(() => organizations.restore());
  beforeEach(() => {
    s3.install();
    organizations.reset();
    organizations.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
    organizations.on(ListAccountsForParentCommand).resolves({
      Accounts: [
        { Id: OWN, Name: 'Preflight', State: 'ACTIVE' },
        { Id: ALPHA, Name: 'Alpha', State: 'ACTIVE' },
      ],
    });
  });

  const organization = {
    organizationalUnits: ['ou-ab12-11111111'],
    regions: ['eu-west-1', 'us-east-1'],
    access: { externalId: 'preflight-org' },
  };
  const home = { account: OWN, regions: ['eu-west-1'] };

  type Item = { environment?: string; account?: string; region?: string; checks?: string[] };
  const items = () => JSON.parse(s3.objects.get(`reports/${fanoutKeys.items('daily')}`) as string) as Item[];

  it('with an environment of its own account: audits it once, as the environment, and the OU’s other accounts', async () => {
    const config = { home, organization, environments: { tools: { regions: ['eu-west-1', 'us-east-1'] } } };
    await run({ settings: fanoutSettings(validateConfig(config)), runId: 'daily' });

    expect(items().filter((item) => item.account === OWN)).toEqual([]);
    expect(
      items()
        .filter((item) => item.environment === 'tools')
        .map((item) => item.region),
    ).toEqual(['eu-west-1', 'us-east-1']);
    expect(
      items()
        .filter((item) => item.account === ALPHA)
        .map((item) => item.region),
    ).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('with no environments: judges its account-wide checks once, in its own run, not again through the OU', async () => {
    const settings = fanoutSettings(validateConfig({ home, organization }));
    await run({ settings, runId: 'daily' });

    const own = items().filter((item) => item.account === OWN);
    expect(own.map((item) => item.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(own.every((item) => item.checks !== undefined && !item.checks.includes('iam-access-keys'))).toBe(
      true,
    );
    expect(items()[0]).toEqual({ mode: 'scheduled' });
  });
});
