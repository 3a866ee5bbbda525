import { describe, expect, it } from 'vitest';
import { serviceScope } from '../../../lambdas/core/scope/check-scope';
import type { ScopePorts, StackResource } from '../../../lambdas/core/scope/ports';
import { resolveScope } from '../../../lambdas/core/scope/resolve';
import { STACK_RESOURCE_ARNS } from '../../../lambdas/core/scope/stack-resources';
import type { ResourceSelector } from '../../../lambdas/core/scope/types';

const AT = { partition: 'aws', accountId: '111122223333', region: 'eu-west-1' };
const arn = (rest: string) => `arn:aws:${rest}`;

function selector(parts: Partial<ResourceSelector>): ResourceSelector {
  return { tags: {}, stacks: [], arns: [], names: [], ...parts };
}

/** Scope ports over a fixed estate, recording what was asked. */
function ports(tagged: Record<string, Record<string, string>>, stacks: Record<string, StackResource[]> = {}) {
  const asked: string[] = [];
  const scopePorts: ScopePorts = {
    async resourcesWithTags(tags, types) {
      asked.push(`tags ${JSON.stringify(tags)} ${types.join(',')}`);
      return Object.entries(tagged)
        .filter(([, has]) => Object.entries(tags).every(([k, v]) => has[k] === v))
        .map(([a]) => a);
    },
    async stackResources(stack) {
      asked.push(`stack ${stack}`);
      return stacks[stack];
    },
    async location() {
      asked.push('location');
      return AT;
    },
  };
  return { scopePorts, asked };
}

describe('the physical id → ARN table of the resource types the checks judge', () => {
  it.each([
    ['AWS::RDS::DBInstance', 'Orders-DB', 'rds:db', arn('rds:eu-west-1:111122223333:db:orders-db')],
    [
      'AWS::RDS::DBCluster',
      'payments-aurora',
      'rds:cluster',
      arn('rds:eu-west-1:111122223333:cluster:payments-aurora'),
    ],
    ['AWS::DynamoDB::Table', 'carts', 'dynamodb:table', arn('dynamodb:eu-west-1:111122223333:table/carts')],
    [
      'AWS::DynamoDB::GlobalTable',
      'carts',
      'dynamodb:table',
      arn('dynamodb:eu-west-1:111122223333:table/carts'),
    ],
    [
      'AWS::CertificateManager::Certificate',
      arn('acm:eu-west-1:111122223333:certificate/abc'),
      'acm:certificate',
      arn('acm:eu-west-1:111122223333:certificate/abc'),
    ],
    [
      'AWS::SecretsManager::Secret',
      arn('secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf'),
      'secretsmanager:secret',
      arn('secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf'),
    ],
    [
      'AWS::SSM::Parameter',
      '/prod/db-host',
      'ssm:parameter',
      arn('ssm:eu-west-1:111122223333:parameter/prod/db-host'),
    ],
    ['AWS::SSM::Parameter', 'flags', 'ssm:parameter', arn('ssm:eu-west-1:111122223333:parameter/flags')],
    [
      'AWS::CloudWatch::Alarm',
      'orders-5xx',
      'cloudwatch:alarm',
      arn('cloudwatch:eu-west-1:111122223333:alarm:orders-5xx'),
    ],
    [
      'AWS::CloudWatch::CompositeAlarm',
      'orders-health',
      'cloudwatch:alarm',
      arn('cloudwatch:eu-west-1:111122223333:alarm:orders-health'),
    ],
  ])('%s %s → %s %s', (type, physicalId, kind, expected) => {
    const mapping = STACK_RESOURCE_ARNS[type];
    expect(mapping?.type).toBe(kind);
    expect(mapping?.arn(physicalId, AT)).toBe(expected);
  });

  it('refuses a name where the physical id must already be an ARN', () => {
    expect(STACK_RESOURCE_ARNS['AWS::SecretsManager::Secret']?.arn('prod/db', AT)).toBeUndefined();
  });
});

describe('resolveScope', () => {
  it('finds resources by tag, every tag of the selector in one query, for the kinds asked', async () => {
    const { scopePorts, asked } = ports({
      [arn('acm:eu-west-1:111122223333:certificate/mine')]: { service: 'orders-api', team: 'core' },
      [arn('acm:eu-west-1:111122223333:certificate/theirs')]: { service: 'payments', team: 'core' },
    });

    const resolved = await resolveScope(
      selector({ tags: { service: 'orders-api', team: 'core' } }),
      scopePorts,
      ['acm:certificate'],
    );

    expect(resolved.resources).toEqual([
      {
        arn: arn('acm:eu-west-1:111122223333:certificate/mine'),
        why: [{ by: 'tags', tags: { service: 'orders-api', team: 'core' } }],
      },
    ]);
    expect(asked).toEqual(['tags {"service":"orders-api","team":"core"} acm:certificate']);
  });

  it('finds resources by stack, with their logical ids, only of the kinds asked', async () => {
    const { scopePorts } = ports(
      {},
      {
        'payments-prod': [
          { logicalId: 'Cluster', type: 'AWS::RDS::DBCluster', physicalId: 'payments-aurora' },
          {
            logicalId: 'Key',
            type: 'AWS::SecretsManager::Secret',
            physicalId: arn('secretsmanager:eu-west-1:111122223333:secret:k-1'),
          },
          { logicalId: 'Fn', type: 'AWS::Lambda::Function', physicalId: 'payments-fn' },
          { logicalId: 'Pending', type: 'AWS::RDS::DBInstance' },
        ],
      },
    );

    const resolved = await resolveScope(selector({ stacks: ['payments-prod'] }), scopePorts, [
      'rds:db',
      'rds:cluster',
    ]);

    expect(resolved.resources).toEqual([
      {
        arn: arn('rds:eu-west-1:111122223333:cluster:payments-aurora'),
        why: [{ by: 'stack', stack: 'payments-prod', logicalId: 'Cluster' }],
      },
    ]);
    expect(resolved.missingStacks).toEqual([]);
  });

  it('says which stack does not exist in the region', async () => {
    const { scopePorts } = ports({});
    const resolved = await resolveScope(selector({ stacks: ['payments-prd'] }), scopePorts, ['rds:db']);
    expect(resolved).toEqual({ resources: [], missingStacks: ['payments-prd'] });
  });

  it('takes listed ARNs of the kinds asked, and asks no API for them', async () => {
    const { scopePorts, asked } = ports({});
    const cert = arn('acm:eu-west-1:111122223333:certificate/listed');
    const resolved = await resolveScope(
      selector({ arns: [cert, arn('dynamodb:eu-west-1:111122223333:table/carts')] }),
      scopePorts,
      ['acm:certificate'],
    );
    expect(resolved.resources).toEqual([{ arn: cert, why: [{ by: 'arn' }] }]);
    expect(asked).toEqual([]);
  });

  it('keeps every reason a resource is in scope', async () => {
    const table = arn('dynamodb:eu-west-1:111122223333:table/carts');
    const { scopePorts } = ports(
      { [table]: { service: 'orders-api' } },
      { 'orders-prod': [{ logicalId: 'Carts', type: 'AWS::DynamoDB::Table', physicalId: 'carts' }] },
    );
    const resolved = await resolveScope(
      selector({ tags: { service: 'orders-api' }, stacks: ['orders-prod'], arns: [table] }),
      scopePorts,
      ['dynamodb:table'],
    );
    expect(resolved.resources).toEqual([
      {
        arn: table,
        why: [
          { by: 'tags', tags: { service: 'orders-api' } },
          { by: 'stack', stack: 'orders-prod', logicalId: 'Carts' },
          { by: 'arn' },
        ],
      },
    ]);
  });
});

describe('serviceScope', () => {
  const sel = selector({ tags: { service: 'orders-api' }, stacks: ['orders-prd'], names: ['carts', 'nope'] });
  const tagged = arn('acm:eu-west-1:111122223333:certificate/mine');
  const resolved = {
    resources: [{ arn: tagged, why: [{ by: 'tags' as const, tags: { service: 'orders-api' } }] }],
    missingStacks: ['orders-prd'],
  };

  it('keeps only what is in scope, by ARN or by name, and remembers why', () => {
    const scope = serviceScope('orders-api', sel, resolved);
    const items = [
      { arn: tagged, name: 'api.example.com' },
      { arn: arn('acm:eu-west-1:111122223333:certificate/theirs'), name: 'other.example.com' },
      { arn: arn('dynamodb:eu-west-1:111122223333:table/carts'), name: 'carts' },
    ];

    const kept = scope.select(items, (i) => ({ arn: i.arn, names: [i.name] }));

    expect(kept.map((i) => i.name)).toEqual(['api.example.com', 'carts']);
    expect(scope.evidence()).toEqual({
      service: 'orders-api',
      resources: [
        { arn: tagged, why: [{ by: 'tags', tags: { service: 'orders-api' } }] },
        { arn: arn('dynamodb:eu-west-1:111122223333:table/carts'), why: [{ by: 'name', name: 'carts' }] },
      ],
      unmatched: ['stack orders-prd (no such stack in this region)', 'name nope'],
    });
  });

  it('tells whether one resource is in scope without remembering it', () => {
    const scope = serviceScope('orders-api', sel, resolved);
    expect(scope.includes({ arn: tagged, names: [] })).toBe(true);
    expect(scope.includes({ names: ['other'] })).toBe(false);
    expect(scope.evidence().resources).toEqual([]);
  });
});
