import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A set written as a list, with an entry written twice (a copy-paste, a merge of two lists): kept,
 * the entry was acted on twice (a resource audited twice and its findings counted twice, a database
 * backed up twice) or a second entry hid a mistake (a mute of the same resource whose other date is
 * never read). Every such list refuses a repeat, naming it at its own index, before anything runs.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-listed-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROLE = 'arn:aws:iam::111122223333:role/backup';
const DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders';
const GROUP = { applicationName: 'orders', deploymentGroupName: 'orders-prod' };

interface Draft {
  [key: string]: unknown;
}

/** The object at `keys` in `config`. */
const at = (config: Draft, ...keys: string[]): Draft =>
  keys.reduce((object, key) => object[key] as Draft, config);

/** A valid configuration, then `change` applied to it. */
function configWith(change: (config: Draft) => void): Draft {
  const config: Draft = {
    environments: {
      prod: { account: '111122223333', regions: ['eu-west-1'], access: { roleName: 'audit' } },
    },
    services: {
      orders: { environments: ['prod'], resources: { tags: { app: 'orders' } } },
    },
    checks: {},
    gate: {},
    watch: {},
    checklist: {},
  };
  change(config);
  return config;
}

const mute = (until: string) => ({
  check: 'database-backups',
  resource: DB,
  reason: 'legacy database, retired in January',
  until,
});

const CASES: [string, (config: Draft) => void, string][] = [
  [
    "a service's resource ARN",
    (c) => {
      at(c, 'services', 'orders', 'resources').arns = [DB, DB];
    },
    `services.orders.resources.arns.[1]: got "${DB}"; expected each ARN once: it repeats [0]`,
  ],
  [
    "a service's stack",
    (c) => {
      at(c, 'services', 'orders', 'resources').stacks = ['orders-prod', 'orders-prod'];
    },
    'services.orders.resources.stacks.[1]: got "orders-prod"; expected each stack once: it repeats [0]',
  ],
  [
    "a service's resource name",
    (c) => {
      at(c, 'services', 'orders', 'resources').names = ['orders', 'orders'];
    },
    'services.orders.resources.names.[1]: got "orders"; expected each name once: it repeats [0]',
  ],
  [
    "a custom item's check id",
    (c) => {
      at(c, 'checklist').items = [
        {
          id: 'security.orders-alarms',
          section: 'Security',
          group: 'security',
          title: 'Orders alarms',
          verification: { kind: 'check', checkIds: ['alarms', 'alarms'] },
        },
      ];
    },
    'checklist.items.[0].verification.checkIds.[1]: got "alarms"; expected each check id once: it repeats [0]',
  ],
  [
    'a disabled checklist item',
    (c) => {
      at(c, 'checklist').disabledItems = ['security.waf-enabled', 'security.waf-enabled'];
    },
    'checklist.disabledItems.[1]: got "security.waf-enabled"; expected each item once: it repeats [0]',
  ],
  [
    'a mute of the same check and resource',
    (c) => {
      c.mutes = [mute('2026-12-31'), mute('2027-06-30')];
    },
    'mutes.[1]: got',
  ],
  [
    'a rollback deployment group',
    (c) => {
      at(c, 'watch').rollback = { action: 'codedeploy', deploymentGroups: [GROUP, GROUP] };
    },
    'watch.rollback.deploymentGroups.[1]: got {"applicationName":"orders","deploymentGroupName":"orders-prod"}; expected each deployment group once: it repeats [0]',
  ],
  [
    'a pre-deployment backup target',
    (c) => {
      at(c, 'gate').preDeploymentBackup = {
        targets: [
          { resourceArn: DB, iamRoleArn: ROLE },
          { resourceArn: DB, iamRoleArn: ROLE, backupVaultName: 'Other' },
        ],
      };
    },
    'gate.preDeploymentBackup.targets.[1]: got',
  ],
  [
    'a required attestation',
    (c) => {
      at(c, 'gate').requiredAttestations = ['tests-passing', 'tests-passing'];
    },
    'gate.requiredAttestations.[1]: got "tests-passing"; expected each attestation once: it repeats [0]',
  ],
  [
    'a window day',
    (c) => {
      at(c, 'gate').window = { days: ['MON', 'TUE', 'MON'] };
    },
    'gate.window.days.[2]: got "MON"; expected each day once: it repeats [0]',
  ],
  [
    'a blackout date',
    (c) => {
      at(c, 'gate').window = { blackoutDates: ['2026-12-24', '2026-12-24'] };
    },
    'gate.window.blackoutDates.[1]: got "2026-12-24"; expected each date once: it repeats [0]',
  ],
  [
    'a TLS endpoint',
    (c) => {
      at(c, 'checks')['tls-endpoints'] = {
        endpoints: [{ host: 'orders.example.com' }, { host: 'orders.example.com', port: 443 }],
      };
    },
    'checks.tls-endpoints.endpoints.[1]: got',
  ],
  [
    'a public port',
    (c) => {
      at(c, 'checks')['network-configuration'] = { publicPorts: [443, 443] };
    },
    'checks.network-configuration.publicPorts.[1]: got 443; expected each port once: it repeats [0]',
  ],
  [
    'a rollback document',
    (c) => {
      at(c, 'checks')['rollback-tested'] = { documents: ['Orders-Rollback', 'Orders-Rollback'] };
    },
    'checks.rollback-tested.documents.[1]: got "Orders-Rollback"; expected each document once: it repeats [0]',
  ],
  [
    'a principal who may override the window',
    (c) => {
      at(c, 'gate').window = {
        overrideBy: [
          'arn:aws:iam::111122223333:role/release-manager',
          'arn:aws:iam::111122223333:role/release-manager',
        ],
      };
    },
    'gate.window.overrideBy.[1]: got "arn:aws:iam::111122223333:role/release-manager"; expected each principal pattern once: it repeats [0]',
  ],
  [
    'a metric id filled with zero',
    (c) => {
      at(c, 'watch').triggers = { 'error-rate': { fillZero: ['errors', 'errors'] } };
    },
    'watch.triggers.error-rate.fillZero.[1]: got "errors"; expected each metric id once: it repeats [0]',
  ],
];

describe('a set-like list of the configuration with an entry written twice', () => {
  it.each(CASES)(
    '%s is refused, naming the repeat, before anything runs (exit 2)',
    async (_, change, line) => {
      const file = path.join(dir, `${_.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(configWith(change)));

      const run = await runCliInProcess(['services', '--config', file]);

      expect(run.stderr).toContain(`  - ${line}`);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    },
  );

  it('the valid configuration they start from is accepted', async () => {
    const file = path.join(dir, 'valid.json');
    writeFileSync(file, JSON.stringify(configWith(() => {})));
    const run = await runCliInProcess(['services', '--config', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
