import { describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../../lambdas/core/config/schema';
import { validateConfig } from '../../../lambdas/core/config/validate';
import {
  type OrganizationAccount,
  type OrganizationListing,
  planTargets,
} from '../../../lambdas/core/fanout/targets';

const REGION_WIDE = [
  'database-backups',
  'acm-certificates',
  'tls-endpoints',
  'secrets-rotation',
  'secrets-encryption',
  'ssm-secure-parameters',
  'alarms',
  'log-delivery',
  'metrics-collection',
  'tracing',
  'load-balancer-health-checks',
  'rate-limiting',
  'cors-policies',
  'auto-scaling-policies',
  'disk-space',
  'resource-limits',
  'environment-variables',
  'image-scans',
  'images-pushed',
  'deployment-strategy',
  'rollback-tested',
  'network-configuration',
];
const ORGANIZATION = { organizationalUnits: ['ou-ab12-11111111'], regions: ['eu-west-1', 'us-east-1'] };
const listed = (...accounts: Array<[string, string]>): OrganizationListing => ({
  units: ['ou-ab12-11111111'],
  accounts: accounts.map(([id, state]): OrganizationAccount => ({ id, state, parent: 'ou-ab12-11111111' })),
  problems: [],
});
const plan = (config: PreflightConfigInput, listing?: OrganizationListing) =>
  planTargets(validateConfig(config), listing);
const items = (config: PreflightConfigInput, listing?: OrganizationListing) =>
  plan(config, listing).targets.map((t) => t.item);

describe('planTargets', () => {
  it('audits the account Preflight runs in, as before, when nothing else is configured', () => {
    expect(plan({}).targets).toEqual([
      { item: { mode: 'scheduled' }, source: 'environment', label: "Preflight's account" },
    ]);
  });

  it('audits every environment in every region, each account-wide check in an account’s first region only', () => {
    expect(
      items({
        environments: {
          prod: { account: '111122223333', regions: ['eu-west-1', 'us-east-1'] },
          dev: { region: 'eu-west-1' },
        },
      }),
    ).toEqual([
      { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' },
      { mode: 'scheduled', environment: 'prod', region: 'us-east-1', checks: REGION_WIDE },
      { mode: 'scheduled', environment: 'dev', region: 'eu-west-1' },
    ]);
  });

  it('audits an account and region once, though two environments name it (the first one’s settings)', () => {
    expect(
      items({
        environments: {
          prod: { account: '111122223333', regions: ['eu-west-1'] },
          'prod-eu': { account: '111122223333', regions: ['eu-west-1', 'eu-central-1'] },
          partner: {
            regions: ['eu-west-1'],
            access: { roleArn: 'arn:aws:iam::111122223333:role/preflight-audit' },
          },
        },
      }),
    ).toEqual([
      { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' },
      { mode: 'scheduled', environment: 'prod-eu', region: 'eu-central-1', checks: REGION_WIDE },
    ]);
  });

  it('adds every ACTIVE account of the organization in its regions, skipping what an environment audits', () => {
    const result = plan(
      {
        environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
        organization: ORGANIZATION,
      },
      listed(
        ['111122223333', 'ACTIVE'],
        ['444455556666', 'ACTIVE'],
        ['777788889999', 'SUSPENDED'],
        ['444455556666', 'ACTIVE'],
      ),
    );
    expect(result.targets.map((t) => [t.label, t.item])).toEqual([
      ['prod (111122223333) eu-west-1', { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' }],
      [
        'account 111122223333 us-east-1',
        { mode: 'scheduled', account: '111122223333', region: 'us-east-1', checks: REGION_WIDE },
      ],
      ['account 444455556666 eu-west-1', { mode: 'scheduled', account: '444455556666', region: 'eu-west-1' }],
      [
        'account 444455556666 us-east-1',
        { mode: 'scheduled', account: '444455556666', region: 'us-east-1', checks: REGION_WIDE },
      ],
    ]);
    expect(result.notAudited).toEqual([
      { id: '777788889999', state: 'SUSPENDED', parent: 'ou-ab12-11111111' },
    ]);
  });

  it('names no checks when no account-wide check is enabled, and skips regions with nothing left to judge', () => {
    const environments = { prod: { account: '111122223333', regions: ['eu-west-1', 'us-east-1'] } };
    expect(items({ environments, checks: { 'iam-access-keys': { enabled: false } } })).toEqual([
      { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' },
      { mode: 'scheduled', environment: 'prod', region: 'us-east-1' },
    ]);
    const onlyIam = Object.fromEntries(
      REGION_WIDE.map((id) => [id, { enabled: false }]),
    ) as PreflightConfigInput['checks'];
    expect(items({ environments, checks: onlyIam })).toEqual([
      { mode: 'scheduled', environment: 'prod', region: 'eu-west-1' },
    ]);
  });

  it('keeps the listing and its problems in the plan, for the summary', () => {
    const listing = {
      ...listed(['444455556666', 'ACTIVE']),
      problems: [{ parent: 'ou-ab12-22222222', message: 'denied', remediation: 'allow it' }],
    };
    expect(plan({ organization: ORGANIZATION }, listing).listing).toEqual(listing);
  });
});
