import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { workloadChecks } from '../../../../lambdas/core/checks/workloads/definitions';
import type { EcsTaskDefinition, WorkloadsPorts } from '../../../../lambdas/core/checks/workloads/ports';
import { judgeContainerEnvironment } from '../../../../lambdas/core/checks/workloads/rules/environment-variables/container-environment';
import { judgeContainerSecrets } from '../../../../lambdas/core/checks/workloads/rules/environment-variables/container-secrets';
import { judgeFunctionEnvironment } from '../../../../lambdas/core/checks/workloads/rules/environment-variables/function-environment';
import { fingerprint } from '../../../../lambdas/core/checks/workloads/secret-looking';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const fnArn = (name: string) => `arn:aws:lambda:${AT}:function:${name}`;
const tdArn = (name: string) => `arn:aws:ecs:${AT}:task-definition/${name}`;
const svcArn = (name: string) => `arn:aws:ecs:${AT}:service/prod/${name}`;
const secretArn = (name: string) => `arn:aws:secretsmanager:${AT}:secret:${name}`;
const CLUSTER = `arn:aws:ecs:${AT}:cluster/prod`;
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');
const SETTINGS = validateConfig({}).checks['environment-variables'];
const USE = { arn: tdArn('app:1'), services: ['app'] };
/** Values that must never leave the check. */
const PASSWORD = 'Tr0ub4dor&3-payments';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

const td = (containers: EcsTaskDefinition['containers']): EcsTaskDefinition => ({
  arn: USE.arn,
  name: 'app:1',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containers,
});

describe('function-environment', () => {
  const fn = (fields: object) => ({ name: 'f', arn: fnArn('f'), ...fields });

  it.each<[string, object, 'WARN' | 'FAIL', string]>([
    ['no variables', {}, 'FAIL', 'PASS'],
    ['plain settings', { environment: { LOG_LEVEL: 'info', TABLE: 'orders' } }, 'FAIL', 'PASS'],
    ['a password', { environment: { DB_PASSWORD: PASSWORD } }, 'FAIL', 'FAIL'],
    ['a password, plainSecret WARN', { environment: { DB_PASSWORD: PASSWORD } }, 'WARN', 'WARN'],
    ['variables Lambda could not decrypt', { environmentError: 'KMSAccessDeniedException' }, 'FAIL', 'WARN'],
  ])('%s', (_case, fields, plainSecret, status) => {
    expect(judgeFunctionEnvironment(fn(fields), SETTINGS, plainSecret)).toMatchObject({
      checkId: 'environment-variables',
      rule: 'function-environment',
      status,
    });
  });

  it('names the keys and fingerprints, never the values', () => {
    const finding = judgeFunctionEnvironment(
      fn({ environment: { DB_PASSWORD: PASSWORD, KEY_ID: ACCESS_KEY, MODE: 'live' } }),
      SETTINGS,
      'FAIL',
    );
    expect(finding.message).toContain(`DB_PASSWORD (sha256:${fingerprint(PASSWORD)})`);
    expect(finding.evidence).toMatchObject({
      secretLooking: [
        { key: 'DB_PASSWORD', fingerprint: fingerprint(PASSWORD) },
        { key: 'KEY_ID', fingerprint: fingerprint(ACCESS_KEY) },
      ],
    });
    expect(JSON.stringify(finding)).not.toContain(PASSWORD);
    expect(JSON.stringify(finding)).not.toContain(ACCESS_KEY);
  });

  it('notes a customer managed key', () => {
    const finding = judgeFunctionEnvironment(
      fn({ environment: {}, kmsKeyArn: 'arn:aws:kms:k' }),
      SETTINGS,
      'FAIL',
    );
    expect(finding).toMatchObject({ status: 'PASS', evidence: { kmsKeyArn: 'arn:aws:kms:k' } });
    expect(finding.message).toMatch(/customer managed key/);
  });
});

describe('container-environment', () => {
  const container = (environment: { name: string; value: string }[]) => ({
    name: 'api',
    environment,
    secrets: [],
  });

  it.each<[string, { name: string; value: string }[], string]>([
    ['plain settings', [{ name: 'PORT', value: '8443' }], 'PASS'],
    ['a Stripe key', [{ name: 'STRIPE', value: 'sk_live_51HxQmZ2eZvKYlo2C8f3kT9wq' }], 'FAIL'],
    ['a secret name', [{ name: 'JWT_SECRET', value: 'changeme' }], 'FAIL'],
  ])('%s', (_case, environment, status) => {
    const finding = judgeContainerEnvironment(USE, succeeded(td([container(environment)])), SETTINGS, 'FAIL');
    expect(finding).toMatchObject({ rule: 'container-environment', resource: USE.arn, status });
    for (const { value } of environment)
      if (status === 'FAIL') expect(JSON.stringify(finding)).not.toContain(value);
  });

  it('names the container and key', () => {
    const finding = judgeContainerEnvironment(
      USE,
      succeeded(td([container([{ name: 'DB_PASSWORD', value: PASSWORD }])])),
      SETTINGS,
      'FAIL',
    );
    expect(finding.message).toContain(`api/DB_PASSWORD (sha256:${fingerprint(PASSWORD)})`);
  });

  it('is ERROR when the task definition could not be read', () => {
    expect(
      judgeContainerEnvironment(
        USE,
        { ok: false, error: denied('ecs:DescribeTaskDefinition') },
        SETTINGS,
        'FAIL',
      ),
    ).toMatchObject({ status: 'ERROR' });
  });
});

describe('container-secrets', () => {
  const definition = succeeded(td([]));
  const ref = (exists: Parameters<typeof judgeContainerSecrets>[2][number]['exists'], kind = 'secret') => ({
    container: 'api',
    name: 'DB',
    source:
      kind === 'secret'
        ? ({ kind: 'secret', secretId: secretArn('db-AbC123') } as const)
        : ({ kind: 'elsewhere', where: 'secretsmanager in 999999999999 us-east-1' } as const),
    ...(exists === undefined ? {} : { exists }),
  });

  it.each<[string, Parameters<typeof judgeContainerSecrets>[2], string | undefined]>([
    ['no secrets', [], undefined],
    ['a secret that exists', [ref(succeeded(true))], 'PASS'],
    ['a secret that does not exist', [ref(succeeded(true)), ref(succeeded(false))], 'FAIL'],
    ['a lookup denied', [ref({ ok: false, error: denied('secretsmanager:DescribeSecret') })], 'ERROR'],
    ['a secret of another account', [ref(undefined, 'elsewhere')], 'WARN'],
  ])('%s', (_case, references, status) => {
    const finding = judgeContainerSecrets(USE, definition, references);
    if (status === undefined) expect(finding).toBeUndefined();
    else expect(finding).toMatchObject({ rule: 'container-secrets', status });
  });

  it('names the missing reference and says the task cannot start', () => {
    const finding = judgeContainerSecrets(USE, definition, [ref(succeeded(false))]);
    expect(finding?.message).toMatch(/api\/DB → arn:aws:secretsmanager:.*db-AbC123; its tasks cannot start/);
  });
});

/* The definition through runCheck. */

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: { environments: ['prod'], resources: { stacks: ['orders-prod'] } },
    billing: { environments: ['prod'], resources: { names: ['nothing-here'] } },
  },
});

function account(workloads: Partial<WorkloadsPorts>): AccountPorts {
  const scope: ScopePorts = {
    resourcesWithTags: async () => [],
    stackResources: async (stack) =>
      stack === 'orders-prod'
        ? [
            { logicalId: 'Fn', type: 'AWS::Lambda::Function', physicalId: 'orders-fn' },
            { logicalId: 'Svc', type: 'AWS::ECS::Service', physicalId: svcArn('orders') },
          ]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  const none = async () => {
    throw new Error('unexpected call');
  };
  const defaults: WorkloadsPorts = {
    listEcsServices: async () => [
      { arn: svcArn('orders'), name: 'orders', clusterArn: CLUSTER },
      { arn: svcArn('other'), name: 'other', clusterArn: CLUSTER },
    ],
    describeEcsServices: async (_cluster, arns) =>
      arns.map((arn) => {
        const name = arn.split('/').pop() ?? '';
        return { arn, name, clusterArn: CLUSTER, taskDefinitionArn: tdArn(`${name}:1`) };
      }),
    taskDefinition: async (arn) => ({
      ...td([
        {
          name: 'api',
          environment: [{ name: 'MODE', value: 'live' }],
          secrets: [
            { name: 'DB', valueFrom: secretArn('db-AbC123') },
            { name: 'GONE', valueFrom: `${secretArn('gone-XyZ789')}:password::` },
            { name: 'TOKEN', valueFrom: '/prod/token' },
            { name: 'FLAG', valueFrom: `arn:aws:ssm:${AT}:parameter/prod/missing` },
          ],
        },
      ]),
      arn,
    }),
    listServiceQuotas: none,
    usage: none,
    secretExists: async (id) => id === secretArn('db-AbC123'),
    existingParameters: async (names) => new Set(names.filter((n) => n === '/prod/token')),
  };
  return {
    tracing: {
      listFunctions: async () => [
        { name: 'orders-fn', arn: fnArn('orders-fn'), environment: { MODE: 'live' } },
        { name: 'other-fn', arn: fnArn('other-fn'), environment: { DB_PASSWORD: PASSWORD } },
      ],
      listStateMachines: none,
      stateMachineTracing: none,
    },
    workloads: { ...defaults, ...workloads },
    scope,
  } as unknown as AccountPorts;
}

describe('the environment-variables check', () => {
  it('asks for the listings, the describes, secret and parameter metadata, and the scope: never a value', () => {
    const permissions = workloadChecks['environment-variables'].permissions;
    expect(permissions).toEqual([
      'lambda:ListFunctions',
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:DescribeServices',
      'ecs:DescribeTaskDefinition',
      'secretsmanager:DescribeSecret',
      'ssm:DescribeParameters',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
    expect(permissions.filter((p) => /GetSecretValue|GetParameter|kms:Decrypt/.test(p))).toEqual([]);
  });

  it("judges the stack's function and task definition only, looking each secret and parameter up once", async () => {
    const looked: string[] = [];
    const filtered: string[][] = [];
    const ports = account({
      secretExists: async (id) => {
        looked.push(id);
        return id === secretArn('db-AbC123');
      },
      existingParameters: async (names) => {
        filtered.push([...names]);
        return new Set(names.filter((n) => n === '/prod/token'));
      },
    });
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('environment-variables', ports, CONFIG, NOW, { target });
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `function-environment ${fnArn('orders-fn')} PASS`,
      `container-environment ${tdArn('orders:1')} PASS`,
      `container-secrets ${tdArn('orders:1')} FAIL`,
    ]);
    expect(looked.sort()).toEqual([secretArn('db-AbC123'), secretArn('gone-XyZ789')]);
    expect(filtered).toEqual([['/prod/token', '/prod/missing']]);
    expect(result.findings[2]?.message).toMatch(/2 secret\(s\) that do not exist/);
  });

  it('keeps the function findings when the parameter lookup is denied, and an ERROR for the references', async () => {
    const ports = account({
      existingParameters: async () => {
        throw denied('ssm:DescribeParameters');
      },
    });
    const result = await runCheck('environment-variables', ports, CONFIG, NOW);
    expect(
      result.findings.map((f) => `${f.rule} ${f.resource.split(/[:/]/).slice(-2).join(':')} ${f.status}`),
    ).toEqual([
      'function-environment function:orders-fn PASS',
      'function-environment function:other-fn FAIL',
      'container-environment orders:1 PASS',
      'container-secrets orders:1 ERROR',
      'container-environment other:1 PASS',
      'container-secrets other:1 ERROR',
    ]);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('reports an ERROR for the functions when the listing is denied, and judges the task definitions', async () => {
    const ports = account({});
    (ports.tracing as unknown as { listFunctions: () => Promise<never> }).listFunctions = async () => {
      throw denied('lambda:ListFunctions');
    };
    const result = await runCheck('environment-variables', ports, CONFIG, NOW);
    expect(result.findings[0]).toMatchObject({
      rule: 'function-environment',
      resource: '*',
      status: 'ERROR',
    });
    expect(result.findings.filter((f) => f.rule === 'container-environment')).toHaveLength(2);
  });

  it('warns, never passes, when the service has nothing in scope', async () => {
    const target = resolveTarget(CONFIG, { service: 'billing', environment: 'prod' });
    const result = await runCheck('environment-variables', account({}), CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });
});

describe('environment-variables settings', () => {
  it.each<[object, RegExp]>([
    [{ entropyBitsPerChar: 7 }, /bits per character from 3 to 6/],
    [{ minEntropyLength: 2 }, /characters from 8 to 1024/],
    [{ sensitiveKeyPatterns: [''] }, /too_small|at least|>=1/i],
  ])('refuses %j', (settings, message) => {
    expect(() => validateConfig({ checks: { 'environment-variables': settings } })).toThrow(message);
  });
});
