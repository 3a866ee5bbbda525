import { describe, expect, it } from 'vitest';
import type { Throttle, UsagePlan } from '../../../../lambdas/core/checks/api-gateway/ports';
import { type Outcome, succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { rateLimitingChecks } from '../../../../lambdas/core/checks/rate-limiting/definitions';
import type { WebAcl } from '../../../../lambdas/core/checks/rate-limiting/ports';
import {
  judgeHttpStageThrottling,
  judgeRestStageThrottling,
} from '../../../../lambdas/core/checks/rate-limiting/rules/rate-limiting/stage-throttling';
import { judgeStageWebAcl } from '../../../../lambdas/core/checks/rate-limiting/rules/rate-limiting/stage-web-acl';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import {
  denied,
  httpApi,
  httpPorts,
  httpStage,
  restApi,
  restPorts,
  restStage,
  scopePorts,
} from '../api-gateway/fixtures';

const NOW = new Date('2026-03-10T12:00:00Z');
const ORDERS = restApi('o1', 'orders-api');
const PRIVATE = restApi('v1', 'partner-api', 'PRIVATE');
const WEBHOOKS = httpApi('h1', 'orders-webhooks');
const ACL: WebAcl = {
  name: 'edge',
  arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1',
  rules: [{ name: 'per-ip', rateLimit: { limit: 2000, windowSeconds: 300 }, action: 'Block' }],
  firewallManagerGroups: 0,
};
const ACL_ARN = ACL.arn;
const plan = (throttle: Throttle | undefined, stage = 'prod', apiId = 'o1'): UsagePlan => ({
  id: 'u1',
  name: 'gold',
  ...(throttle === undefined ? {} : { throttle }),
  stages: [{ apiId, stage }],
});

describe('stage-throttling of REST API stages', () => {
  it.each<[string, Throttle | undefined, string[], Outcome<UsagePlan[]>, string, RegExp]>([
    [
      'every method throttled',
      { rateLimit: 100, burstLimit: 200 },
      [],
      succeeded([]),
      'PASS',
      /every method at 100 requests\/s, burst 200/,
    ],
    [
      'a throttle of zero (every request refused) still limits',
      { rateLimit: 0, burstLimit: 0 },
      [],
      succeeded([]),
      'PASS',
      /at 0 requests\/s/,
    ],
    ['-1 is "not set"', { rateLimit: -1, burstLimit: -1 }, [], succeeded([]), 'FAIL', /sets no throttle/],
    ['a burst without a rate', { burstLimit: 50 }, [], succeeded([]), 'FAIL', /sets no throttle/],
    [
      'a usage plan with a throttle',
      undefined,
      [],
      succeeded([plan({ rateLimit: 50, burstLimit: 100 })]),
      'PASS',
      /usage plan gold.*50 requests\/s.*methods that need no key/,
    ],
    [
      'a usage plan without a throttle',
      undefined,
      [],
      succeeded([plan(undefined)]),
      'FAIL',
      /no usage plan covers it/,
    ],
    [
      'a usage plan of another stage',
      undefined,
      [],
      succeeded([plan({ rateLimit: 50 }, 'beta')]),
      'FAIL',
      /sets no throttle/,
    ],
    [
      "a usage plan of another API's stage of the same name",
      undefined,
      [],
      succeeded([plan({ rateLimit: 50 }, 'prod', 'x9')]),
      'FAIL',
      /sets no throttle/,
    ],
    [
      'only some methods throttled',
      undefined,
      ['orders/POST'],
      succeeded([]),
      'WARN',
      /throttles only orders\/POST/,
    ],
    [
      'usage plans unreadable',
      undefined,
      [],
      { ok: false, error: denied('apigateway:GET on /usageplans') },
      'ERROR',
      /apigateway:GET on \/usageplans was denied/,
    ],
  ])('%s: %s', (_case, defaultThrottle, throttledMethods, plans, status, message) => {
    const stage = restStage(ORDERS, 'prod', {
      ...(defaultThrottle === undefined ? {} : { defaultThrottle }),
      throttledMethods,
    });
    const [finding] = judgeRestStageThrottling({ api: ORDERS, stages: succeeded([stage]) }, plans);
    expect(finding).toMatchObject({
      checkId: 'rate-limiting',
      rule: 'stage-throttling',
      resource: stage.arn,
      status,
    });
    expect(finding?.message).toMatch(message);
    if (status === 'FAIL' || status === 'WARN') expect(finding?.remediation).toContain('throttl');
  });

  it('a stage with its own throttle passes even when the usage plans could not be read', () => {
    const stage = restStage(ORDERS, 'prod', { defaultThrottle: { rateLimit: 10 } });
    const [finding] = judgeRestStageThrottling(
      { api: ORDERS, stages: succeeded([stage]) },
      { ok: false, error: denied('apigateway:GET on /usageplans') },
    );
    expect(finding?.status).toBe('PASS');
  });

  it('is ERROR for that API when its stages could not be read', () => {
    const error = denied('apigateway:GET on /restapis/{id}/stages');
    expect(
      judgeRestStageThrottling({ api: ORDERS, stages: { ok: false, error } }, succeeded([])),
    ).toMatchObject([{ status: 'ERROR', resource: ORDERS.arn }]);
  });
});

describe('stage-throttling of HTTP API stages', () => {
  it.each<[string, Throttle | undefined, string[], string, RegExp]>([
    [
      'every route throttled',
      { rateLimit: 100, burstLimit: 200 },
      [],
      'PASS',
      /every route at 100 requests\/s, burst 200/,
    ],
    ['-1 is "not set"', { rateLimit: -1 }, [], 'FAIL', /sets no throttle/],
    ['only some routes', undefined, ['POST /orders'], 'WARN', /throttles only POST \/orders/],
    ['nothing', undefined, [], 'FAIL', /sets no throttle/],
  ])('%s: %s', (_case, defaultThrottle, throttledRoutes, status, message) => {
    const stage = httpStage(WEBHOOKS, '$default', {
      ...(defaultThrottle === undefined ? {} : { defaultThrottle }),
      throttledRoutes,
    });
    const [finding] = judgeHttpStageThrottling({ api: WEBHOOKS, stages: succeeded([stage]) });
    expect(finding).toMatchObject({ rule: 'stage-throttling', resource: stage.arn, status });
    expect(finding?.message).toMatch(message);
  });

  it('is ERROR for that API when its stages could not be read', () => {
    const error = denied('apigateway:GET on /apis/{id}/stages');
    expect(judgeHttpStageThrottling({ api: WEBHOOKS, stages: { ok: false, error } })).toMatchObject([
      { status: 'ERROR', resource: WEBHOOKS.arn },
    ]);
  });
});

describe('rate-based-rule of REST API stages', () => {
  it('warns, never fails nor passes, on a WAF Classic web ACL, whose rules are not read', () => {
    const classic = 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/0a1b2c3d';
    const stage = restStage(ORDERS, 'prod', { webAclArn: classic });
    const finding = judgeStageWebAcl(ORDERS, stage, undefined);
    expect(finding).toMatchObject({ status: 'WARN', evidence: { webAclArn: classic } });
    expect(finding.message).toMatch(/WAF Classic.*could not be seen/);
  });

  it.each<[string, typeof ORDERS, Outcome<WebAcl | undefined> | undefined, string, RegExp]>([
    [
      'a public stage without a web ACL',
      ORDERS,
      undefined,
      'FAIL',
      /orders-api stage prod faces the internet without a WAF web ACL/,
    ],
    [
      'a public stage with a blocking rate rule',
      ORDERS,
      succeeded(ACL),
      'PASS',
      /limits each client to 2000 requests/,
    ],
    ['a web ACL gone since the listing', ORDERS, succeeded(undefined), 'FAIL', /without a WAF web ACL/],
    ['a private stage without a web ACL', PRIVATE, undefined, 'WARN', /private API.*could not be seen/],
    ['a private stage with a blocking rate rule', PRIVATE, succeeded(ACL), 'PASS', /limits each client/],
    [
      'a web ACL that could not be read',
      ORDERS,
      { ok: false, error: denied('wafv2:GetWebACLForResource') },
      'ERROR',
      /wafv2:GetWebACLForResource was denied/,
    ],
  ])('%s: %s', (_case, api, acl, status, message) => {
    const stage = restStage(api, 'prod');
    const finding = judgeStageWebAcl(api, stage, acl);
    expect(finding).toMatchObject({ rule: 'rate-based-rule', resource: stage.arn, status });
    expect(finding.message).toMatch(message);
    if (status === 'FAIL') expect(finding.remediation).toContain('with the stage');
  });
});

describe('the rate-limiting check over API stages', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
  });
  const OTHER = restApi('x1', 'other-api');
  const account = (parts: Partial<AccountPorts>, asked: string[] = []) =>
    ({
      loadBalancing: { listLoadBalancers: async () => [] },
      waf: {
        webAclFor: async (arn: string) => {
          asked.push(arn);
          return ACL;
        },
        // The distributions are judged in the us-east-1 audit only.
        auditedRegion: async () => 'eu-west-1',
      },
      restApis: restPorts([], {}),
      httpApis: httpPorts([]),
      scope: scopePorts([ORDERS.arn, WEBHOOKS.arn]),
      ...parts,
    }) as unknown as AccountPorts;

  it('asks for apigateway:GET on the REST, usage plan and HTTP API paths only', () => {
    expect(rateLimitingChecks['rate-limiting'].resourcePermissions).toEqual([
      { action: 'apigateway:GET', resources: ['apigateway:*::/restapis', 'apigateway:*::/restapis/*'] },
      { action: 'apigateway:GET', resources: ['apigateway:*::/usageplans'] },
      { action: 'apigateway:GET', resources: ['apigateway:*::/apis', 'apigateway:*::/apis/*'] },
    ]);
  });

  it("judges the service's stages, asks WAF only about stages with a web ACL, and reads no other API", async () => {
    const read: string[] = [];
    const asked: string[] = [];
    const withAcl = restStage(ORDERS, 'prod', { defaultThrottle: { rateLimit: 100 }, webAclArn: ACL_ARN });
    const withoutAcl = restStage(ORDERS, 'beta', { defaultThrottle: { rateLimit: 10 } });
    const classic = restStage(ORDERS, 'legacy', {
      defaultThrottle: { rateLimit: 10 },
      webAclArn: 'arn:aws:waf-regional:eu-west-1:111122223333:webacl/0a1b2c3d',
    });
    const ports = account(
      {
        restApis: restPorts(
          [ORDERS, OTHER],
          { o1: [withAcl, withoutAcl, classic], x1: [restStage(OTHER, 'prod')] },
          [],
          read,
        ),
        httpApis: httpPorts(
          [WEBHOOKS, httpApi('h9', 'other-http')],
          { h1: [httpStage(WEBHOOKS, '$default')] },
          read,
        ),
      },
      asked,
    );
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW, { target });
    // Every stage throttles itself: the usage plans are not read. WAF (v2) is not asked about a
    // WAF Classic web ACL.
    expect(read.sort()).toEqual(['h1', 'o1']);
    expect(asked).toEqual([withAcl.arn]);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `stage-throttling ${withAcl.arn} PASS`,
      `stage-throttling ${withoutAcl.arn} PASS`,
      `stage-throttling ${classic.arn} PASS`,
      `rate-based-rule ${withAcl.arn} PASS`,
      `rate-based-rule ${withoutAcl.arn} FAIL`,
      `rate-based-rule ${classic.arn} WARN`,
      `stage-throttling ${WEBHOOKS.arn}/stages/$default FAIL`,
    ]);
  });

  it('reads the usage plans once, and only when a stage sets no throttle of its own', async () => {
    const read: string[] = [];
    const stages = [restStage(ORDERS, 'prod'), restStage(ORDERS, 'beta')];
    const ports = account({
      restApis: restPorts([ORDERS], { o1: stages }, [plan({ rateLimit: 5 })], read),
    });
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW);
    expect(read).toEqual(['o1', 'usage-plans']);
    expect(result.findings.filter((f) => f.rule === 'stage-throttling').map((f) => f.status)).toEqual([
      'PASS',
      'FAIL',
    ]);
  });

  it('keeps the load balancers and HTTP APIs when the REST API listing is denied, with one ERROR for it', async () => {
    const ports = account({
      restApis: {
        ...restPorts([], {}),
        listRestApis: async () => {
          throw denied('apigateway:GET on /restapis');
        },
      },
      httpApis: httpPorts([WEBHOOKS], {
        h1: [httpStage(WEBHOOKS, '$default', { defaultThrottle: { rateLimit: 1 } })],
      }),
    });
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      'stage-throttling * ERROR',
      `stage-throttling ${WEBHOOKS.arn}/stages/$default PASS`,
    ]);
    expect(result.findings[0]?.remediation).toContain('apigateway:GET on /restapis');
  });

  it('is one ERROR for the HTTP APIs when their listing is denied, the REST stages still judged', async () => {
    const ports = account({
      restApis: restPorts([ORDERS], {
        o1: [restStage(ORDERS, 'prod', { defaultThrottle: { rateLimit: 1 } })],
      }),
      httpApis: {
        ...httpPorts([]),
        listHttpApis: async () => {
          throw denied('apigateway:GET on /apis');
        },
      },
    });
    const result = await runCheck('rate-limiting', ports, CONFIG, NOW);
    expect(result.findings.map((f) => `${f.rule} ${f.status}`)).toEqual([
      'stage-throttling PASS',
      'rate-based-rule FAIL',
      'stage-throttling ERROR',
    ]);
  });
});
