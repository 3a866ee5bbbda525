import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServicesOverview } from '../../lambdas/core/services/overview';
import { runCli } from '../support/cli';

const EXTERNAL_ID = 'preflight-7d1c0e5b-9b0a-4c36';

const ORGANIZATION = {
  environments: {
    prod: {
      account: '111122223333',
      regions: ['eu-west-1', 'us-east-1'],
      access: {
        roleName: 'preflight-audit',
        externalId: EXTERNAL_ID,
        rollbackRoleName: 'preflight-rollback',
      },
    },
    staging: {
      account: '444455556666',
      region: 'eu-west-1',
      access: { roleArn: 'arn:aws:iam::444455556666:role/preflight-audit' },
    },
    tools: {},
  },
  services: {
    'orders-api': {
      description: 'Orders API',
      environments: ['prod', 'staging'],
      resources: { tags: { service: 'orders-api' }, stacks: ['orders-api-prod'] },
      watch: {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
        },
        environments: {
          staging: { rollback: { action: 'none' } },
          prod: { region: 'us-east-1' },
        },
      },
    },
    payments: {
      environments: ['prod'],
      resources: {
        arns: ['arn:aws:rds:eu-west-1:111122223333:db:payments'],
        names: ['payments-signing-key'],
      },
      watch: {
        rollback: {
          action: 'ssm-automation',
          documentName: 'payments-rollback',
          parameters: { Release: ['{deploymentId}'] },
        },
      },
    },
    'audit-log': {
      environments: ['tools'],
      resources: { tags: { service: 'audit-log' } },
    },
  },
};

function configFile(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-services-'));
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

// No AWS: the spawned CLI gets no credentials and no region, so any AWS call would fail.
const OFFLINE = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: '', AWS_PROFILE: 'none' };

describe('preflight services', () => {
  it('lists every service, its environments, how Preflight reaches each, its resources and rollback target', async () => {
    const file = configFile(ORGANIZATION);
    const run = await runCli(['services', '--config', file], { env: OFFLINE });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Configuration: ${file}`,
        '3 service(s) in 3 environment(s)',
        '',
        'orders-api: Orders API',
        '  resources: tags service=orders-api; stacks orders-api-prod',
        '  prod: account 111122223333, regions eu-west-1, us-east-1',
        '    reached by assuming arn:aws:iam::111122223333:role/preflight-audit (external id set)',
        '    watch: rollback stop CodeDeploy deployments of orders/orders-prod as arn:aws:iam::111122223333:role/preflight-rollback; metrics read in us-east-1',
        '  staging: account 444455556666, regions eu-west-1',
        '    reached by assuming arn:aws:iam::444455556666:role/preflight-audit (external id not set)',
        '    watch: rollback none; metrics read in eu-west-1',
        '',
        'payments',
        '  resources: ARNs arn:aws:rds:eu-west-1:111122223333:db:payments; names payments-signing-key',
        '  prod: account 111122223333, regions eu-west-1, us-east-1',
        '    reached by assuming arn:aws:iam::111122223333:role/preflight-audit (external id set)',
        '    watch: rollback start SSM Automation payments-rollback as arn:aws:iam::111122223333:role/preflight-rollback; metrics read in eu-west-1',
        '',
        'audit-log',
        '  resources: tags service=audit-log',
        "  tools: account Preflight's own, Preflight's region",
        "    reached with Preflight's own credentials (same account)",
        "    watch: rollback none; metrics read in Preflight's region",
        '',
      ].join('\n'),
    );
  });

  it('gives the same as data with --json', async () => {
    const run = await runCli(['services', '--json', '--config', configFile(ORGANIZATION)], { env: OFFLINE });

    expect(run.code).toBe(0);
    const overview = JSON.parse(run.stdout) as ServicesOverview;
    expect(overview.implicit).toBe(false);
    expect(overview.services.map((s) => s.name)).toEqual(['orders-api', 'payments', 'audit-log']);
    const [orders] = overview.services;
    expect(orders?.resources).toEqual({
      tags: { service: 'orders-api' },
      stacks: ['orders-api-prod'],
      arns: [],
      names: [],
    });
    expect(orders?.environments[0]).toEqual({
      name: 'prod',
      account: '111122223333',
      regions: ['eu-west-1', 'us-east-1'],
      access: { kind: 'role', roleArn: 'arn:aws:iam::111122223333:role/preflight-audit', externalId: 'set' },
      configured: true,
      watch: {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
        },
        rollbackRoleArn: 'arn:aws:iam::111122223333:role/preflight-rollback',
        region: 'us-east-1',
        metricsVia: 'access',
      },
    });
    expect(overview.services[1]?.environments[0]?.watch.rollback).toEqual({
      action: 'ssm-automation',
      documentName: 'payments-rollback',
      parameters: ['Release'],
    });
  });

  it('never prints an external id, in text or JSON', async () => {
    const file = configFile(ORGANIZATION);
    const text = await runCli(['services', '--config', file], { env: OFFLINE });
    const json = await runCli(['services', '--json', '--config', file], { env: OFFLINE });

    expect(text.stdout).toContain('external id set');
    for (const run of [text, json]) {
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(EXTERNAL_ID);
      expect(run.stdout + run.stderr).not.toContain('7d1c0e5b');
    }
  });

  it('says that without services the whole account is one implicit service, and lists the environments', async () => {
    const run = await runCli(
      ['services', '--config', configFile({ environments: ORGANIZATION.environments })],
      {
        env: OFFLINE,
      },
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Configuration: .*config\.json\nNo services configured: the whole account is one implicit service, "account"\./,
    );
    expect(run.stdout).toContain('  prod: account 111122223333, regions eu-west-1, us-east-1\n');
    expect(run.stdout).toContain('  staging: account 444455556666, regions eu-west-1\n');
    expect(run.stdout).toContain("  tools: account Preflight's own, Preflight's region\n");
    expect(run.stdout).not.toContain(EXTERNAL_ID);
  });

  it('with neither services nor environments, names the account and region Preflight runs in', async () => {
    const file = configFile({});
    const run = await runCli(['services', '--json', '--config', file], { env: OFFLINE });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      configuration: file,
      implicit: true,
      services: [
        {
          name: 'account',
          resources: null,
          environments: [
            {
              name: 'default',
              account: null,
              regions: [],
              access: { kind: 'same-account' },
              configured: false,
              watch: {
                rollback: { action: 'none' },
                rollbackRoleArn: null,
                region: null,
                metricsVia: 'access',
              },
            },
          ],
        },
      ],
    });
  });

  it('stops on a configuration naming an unknown environment, with exit 2', async () => {
    const broken = {
      ...ORGANIZATION,
      services: { web: { environments: ['prdo'], resources: { tags: { s: 'web' } } } },
    };
    const run = await runCli(['services', '--config', configFile(broken)], { env: OFFLINE });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('services.web.environments.[0]');
    expect(run.stderr).toMatch(/did you mean "prod"/);
    expect(run.stdout).toBe('');
  });
});
