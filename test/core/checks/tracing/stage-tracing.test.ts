import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import { tracingChecks } from '../../../../lambdas/core/checks/tracing/definitions';
import { judgeStageTracing } from '../../../../lambdas/core/checks/tracing/rules/tracing/stage-tracing';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import { denied, restApi, restArn, restPorts, restStage, scopePorts } from '../api-gateway/fixtures';

const NOW = new Date('2026-03-10T12:00:00Z');
const ORDERS = restApi('o1', 'orders-api');
const PAYMENTS = restApi('p1', 'payments-api');
const OTHER = restApi('x1', 'other-api');

describe('stage-tracing', () => {
  it.each<[boolean, 'WARN' | 'FAIL', string]>([
    [true, 'FAIL', 'PASS'],
    [false, 'FAIL', 'FAIL'],
    [false, 'WARN', 'WARN'],
  ])('tracingEnabled %s with missingTracing %s: %s', (tracingEnabled, missing, status) => {
    const stage = restStage(ORDERS, 'prod', { tracingEnabled });
    const [finding] = judgeStageTracing({ api: ORDERS, stages: succeeded([stage]) }, missing);
    expect(finding).toMatchObject({ checkId: 'tracing', rule: 'stage-tracing', resource: stage.arn, status });
    expect(finding?.evidence).toMatchObject({ restApi: 'orders-api', stage: 'prod', tracingEnabled });
    if (status !== 'PASS') expect(finding?.remediation).toContain('tracingEnabled');
  });

  it('judges every stage, and an API without a stage gets no finding', () => {
    const stages = [restStage(ORDERS, 'prod', { tracingEnabled: true }), restStage(ORDERS, 'beta')];
    expect(
      judgeStageTracing({ api: ORDERS, stages: succeeded(stages) }, 'FAIL').map((f) => f.status),
    ).toEqual(['PASS', 'FAIL']);
    expect(judgeStageTracing({ api: ORDERS, stages: succeeded([]) }, 'FAIL')).toEqual([]);
  });

  it('is ERROR for that API, never PASS, when its stages could not be read', () => {
    const error = denied('apigateway:GET on /restapis/{id}/stages');
    expect(judgeStageTracing({ api: ORDERS, stages: { ok: false, error } }, 'FAIL')).toMatchObject([
      {
        status: 'ERROR',
        resource: ORDERS.arn,
        remediation: expect.stringContaining('/restapis/{id}/stages'),
      },
    ]);
  });
});

describe('the tracing check over REST API stages', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: {
      orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
      payments: { environments: ['prod'], resources: { stacks: ['orders-prod'] } },
    },
  });
  const none = {
    listFunctions: async () => [],
    listStateMachines: async () => [],
    stateMachineTracing: async () => false,
  };
  const account = (restApis: AccountPorts['restApis']) =>
    ({
      tracing: none,
      restApis,
      scope: scopePorts([ORDERS.arn], [{ type: 'AWS::ApiGateway::RestApi', id: PAYMENTS.id }]),
    }) as unknown as AccountPorts;

  it('asks for apigateway:GET on the REST API paths only, and judges REST APIs in scope', () => {
    expect(tracingChecks.tracing.resourcePermissions).toEqual([
      { action: 'apigateway:GET', resources: ['apigateway:*::/restapis', 'apigateway:*::/restapis/*'] },
    ]);
    expect(tracingChecks.tracing.scope).toMatchObject({
      types: expect.arrayContaining(['apigateway:restapis']),
    });
  });

  it("judges the tagged API's stages and reads no other API's", async () => {
    const read: string[] = [];
    const ports = restPorts(
      [ORDERS, PAYMENTS, OTHER],
      {
        o1: [restStage(ORDERS, 'prod', { tracingEnabled: true })],
        p1: [restStage(PAYMENTS, 'prod')],
        x1: [restStage(OTHER, 'prod')],
      },
      [],
      read,
    );
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('tracing', account(ports), CONFIG, NOW, { target });
    expect(read).toEqual(['o1']);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `stage-tracing ${restArn('o1')}/stages/prod PASS`,
    ]);
  });

  it("finds a stack's REST API by its physical id", async () => {
    const ports = restPorts([ORDERS, PAYMENTS], { p1: [restStage(PAYMENTS, 'prod')] });
    const target = resolveTarget(CONFIG, { service: 'payments', environment: 'prod' });
    const result = await runCheck('tracing', account(ports), CONFIG, NOW, { target });
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `stage-tracing ${restArn('p1')}/stages/prod FAIL`,
    ]);
  });

  it('reports the functions when the REST API listing is denied, with one ERROR for the stages', async () => {
    const ports = {
      ...restPorts([], {}),
      listRestApis: async () => {
        throw denied('apigateway:GET on /restapis');
      },
    };
    const result = await runCheck(
      'tracing',
      {
        ...account(ports),
        tracing: {
          ...none,
          listFunctions: async () => [
            { name: 'f', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', tracingMode: 'Active' },
          ],
        },
      } as unknown as AccountPorts,
      CONFIG,
      NOW,
    );
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      'function-tracing arn:aws:lambda:eu-west-1:111122223333:function:f PASS',
      'stage-tracing * ERROR',
    ]);
    expect(result.findings[1]?.remediation).toContain('apigateway:GET on /restapis');
  });

  it("keeps the other APIs' findings when one API's stages are denied", async () => {
    const ports = restPorts([ORDERS, OTHER], {
      o1: denied('apigateway:GET on /restapis/{id}/stages'),
      x1: [restStage(OTHER, 'prod', { tracingEnabled: true })],
    });
    const result = await runCheck('tracing', account(ports), CONFIG, NOW);
    expect(result.findings.map((f) => `${f.resource} ${f.status}`)).toEqual([
      `${ORDERS.arn} ERROR`,
      `${restArn('x1')}/stages/prod PASS`,
    ]);
  });
});
