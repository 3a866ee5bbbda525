import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import { tracingChecks } from '../../../../lambdas/core/checks/tracing/definitions';
import type { TracingPorts } from '../../../../lambdas/core/checks/tracing/ports';
import { judgeFunctionTracing } from '../../../../lambdas/core/checks/tracing/rules/tracing/function-tracing';
import { judgeStateMachineTracing } from '../../../../lambdas/core/checks/tracing/rules/tracing/state-machine-tracing';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import { NO_APIS } from '../api-gateway/no-apis';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const fnArn = (name: string) => `arn:aws:lambda:${AT}:function:${name}`;
const smArn = (name: string) => `arn:aws:states:${AT}:stateMachine:${name}`;
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');

describe('function-tracing', () => {
  it.each<[string | undefined, 'WARN' | 'FAIL', string]>([
    ['Active', 'FAIL', 'PASS'],
    ['PassThrough', 'FAIL', 'FAIL'],
    ['PassThrough', 'WARN', 'WARN'],
    [undefined, 'FAIL', 'ERROR'],
  ])('mode %s with missingTracing %s: %s', (tracingMode, missing, status) => {
    const fn = { name: 'orders', arn: fnArn('orders'), ...(tracingMode ? { tracingMode } : {}) };
    const finding = judgeFunctionTracing(fn, missing);
    expect(finding).toMatchObject({ checkId: 'tracing', rule: 'function-tracing', resource: fn.arn, status });
    if (status !== 'PASS') expect(finding.remediation).toBeDefined();
  });
});

describe('state-machine-tracing', () => {
  const machine = { name: 'fulfil', arn: smArn('fulfil'), type: 'STANDARD' };
  it.each<[boolean, string]>([
    [true, 'PASS'],
    [false, 'FAIL'],
  ])('tracing %s: %s', (enabled, status) => {
    expect(judgeStateMachineTracing(machine, succeeded(enabled), 'FAIL')).toMatchObject({ status });
  });

  it('is ERROR, never PASS, when the description could not be read', () => {
    const finding = judgeStateMachineTracing(
      machine,
      { ok: false, error: denied('states:DescribeStateMachine') },
      'FAIL',
    );
    expect(finding).toMatchObject({ status: 'ERROR', evidence: { code: 'AccessDeniedException' } });
    expect(finding.remediation).toContain('states:DescribeStateMachine');
  });
});

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: { environments: ['prod'], resources: { stacks: ['orders-prod'] } },
    billing: { environments: ['prod'], resources: { names: ['nothing-here'] } },
  },
});

function account(tracing: Partial<TracingPorts>): AccountPorts {
  const scope: ScopePorts = {
    resourcesWithTags: async () => [],
    stackResources: async (stack) =>
      stack === 'orders-prod'
        ? [
            { logicalId: 'Api', type: 'AWS::Lambda::Function', physicalId: 'orders-api' },
            { logicalId: 'Flow', type: 'AWS::StepFunctions::StateMachine', physicalId: smArn('orders-flow') },
          ]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  const none = async () => {
    throw new Error('unexpected call');
  };
  return {
    tracing: { listFunctions: none, listStateMachines: none, stateMachineTracing: none, ...tracing },
    scope,
    ...NO_APIS,
  } as unknown as AccountPorts;
}

const FUNCTIONS = [
  { name: 'orders-api', arn: fnArn('orders-api'), tracingMode: 'Active' },
  { name: 'other', arn: fnArn('other'), tracingMode: 'PassThrough' },
];
const MACHINES = [
  { name: 'orders-flow', arn: smArn('orders-flow') },
  { name: 'other-flow', arn: smArn('other-flow') },
];

describe('the tracing check', () => {
  it('asks for the two listings, the one describe, and the scope', () => {
    expect(tracingChecks.tracing.permissions).toEqual([
      'lambda:ListFunctions',
      'states:ListStateMachines',
      'states:DescribeStateMachine',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the stack's function and state machine, and describes no other", async () => {
    const described: string[] = [];
    const ports = account({
      listFunctions: async () => FUNCTIONS,
      listStateMachines: async () => MACHINES,
      stateMachineTracing: async (arn) => {
        described.push(arn);
        return false;
      },
    });
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('tracing', ports, CONFIG, NOW, { target });
    expect(described).toEqual([smArn('orders-flow')]);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `function-tracing ${fnArn('orders-api')} PASS`,
      `state-machine-tracing ${smArn('orders-flow')} FAIL`,
    ]);
  });

  it('reports the state machines when the function listing is denied, and an ERROR for the functions', async () => {
    const ports = account({
      listFunctions: async () => {
        throw denied('lambda:ListFunctions');
      },
      listStateMachines: async () => MACHINES,
      stateMachineTracing: async () => true,
    });
    const result = await runCheck('tracing', ports, CONFIG, NOW);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      'function-tracing * ERROR',
      `state-machine-tracing ${smArn('orders-flow')} PASS`,
      `state-machine-tracing ${smArn('other-flow')} PASS`,
    ]);
    expect(result.findings[0]?.remediation).toContain('lambda:ListFunctions');
  });

  it('warns, never passes, when the service has no function or state machine', async () => {
    const ports = account({ listFunctions: async () => FUNCTIONS, listStateMachines: async () => MACHINES });
    const target = resolveTarget(CONFIG, { service: 'billing', environment: 'prod' });
    const result = await runCheck('tracing', ports, CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });
});
