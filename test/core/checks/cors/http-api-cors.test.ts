import { describe, expect, it } from 'vitest';
import type { HttpApiCors } from '../../../../lambdas/core/checks/api-gateway/ports';
import { corsChecks } from '../../../../lambdas/core/checks/cors/definitions';
import { judgeHttpApiCors } from '../../../../lambdas/core/checks/cors/rules/cors-policies/http-api-cors';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import { denied, httpApi, httpPorts, scopePorts } from '../api-gateway/fixtures';

const NOW = new Date('2026-03-10T12:00:00Z');
const cors = (allowOrigins: string[], allowCredentials: boolean): HttpApiCors => ({
  allowOrigins,
  allowCredentials,
  allowMethods: ['GET'],
});

describe('http-api-cors', () => {
  it.each<[string, HttpApiCors | undefined, string, RegExp]>([
    ['no CORS configuration', undefined, 'PASS', /allows no cross-origin reads/],
    ['a CORS configuration without origins', cors([], false), 'PASS', /allows no cross-origin reads/],
    [
      'one https origin with credentials',
      cors(['https://shop.example.com'], true),
      'PASS',
      /allows https:\/\/shop.example.com, with credentials/,
    ],
    [
      'two https origins',
      cors(['https://a.example', 'https://b.example'], false),
      'PASS',
      /allows https:\/\/a.example, https:\/\/b.example\.$/,
    ],
    ['* with credentials', cors(['*'], true), 'FAIL', /any site \(\*\) with credentials/],
    ['* among listed origins, with credentials', cors(['https://a.example', '*'], true), 'FAIL', /any site/],
    ['* without credentials', cors(['*'], false), 'WARN', /Right for a public API only/],
    [
      'an http origin',
      cors(['https://a.example', 'http://legacy.example'], false),
      'WARN',
      /plain http \(http:\/\/legacy.example\)/,
    ],
    [
      'an HTTP origin in capitals, with credentials',
      cors(['HTTP://legacy.example'], true),
      'WARN',
      /as the signed-in user/,
    ],
  ])('%s: %s', (_case, configuration, status, message) => {
    const api = httpApi('h1', 'orders-webhooks', configuration === undefined ? {} : { cors: configuration });
    const finding = judgeHttpApiCors(api);
    expect(finding).toMatchObject({
      checkId: 'cors-policies',
      rule: 'http-api-cors',
      resource: api.arn,
      status,
    });
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toMatchObject({ allowOrigins: configuration?.allowOrigins ?? null });
    if (status !== 'PASS') expect(finding?.remediation).toBeDefined();
  });

  it('judges no WebSocket API: they have no CORS', () => {
    expect(judgeHttpApiCors(httpApi('w1', 'live', { protocolType: 'WEBSOCKET' }))).toBeUndefined();
  });
});

describe('the cors-policies check over HTTP APIs', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
  });
  const WEBHOOKS = httpApi('h1', 'orders-webhooks', { cors: cors(['*'], true) });
  const OTHER = httpApi('h9', 'other', { cors: cors(['*'], true) });
  const account = (httpApis: AccountPorts['httpApis'], functions: unknown[] = []) =>
    ({
      tracing: { listFunctions: async () => functions },
      cors: {
        // No bucket in the region.
        listBuckets: async () => [],
        functionUrlCors: async () => ({
          url: 'https://f.lambda-url.eu-west-1.on.aws/',
          authType: 'AWS_IAM',
          allowOrigins: ['https://a.example'],
          allowCredentials: false,
        }),
      },
      httpApis,
      scope: scopePorts([WEBHOOKS.arn]),
    }) as unknown as AccountPorts;

  it('asks for apigateway:GET on /apis alone: the listing carries the CORS configuration', () => {
    expect(corsChecks['cors-policies'].resourcePermissions).toEqual([
      { action: 'apigateway:GET', resources: ['apigateway:*::/apis'] },
    ]);
  });

  it("judges the service's HTTP API from the listing alone, never another's", async () => {
    const read: string[] = [];
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck(
      'cors-policies',
      account(httpPorts([WEBHOOKS, OTHER], {}, read)),
      CONFIG,
      NOW,
      {
        target,
      },
    );
    expect(read).toEqual([]);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `http-api-cors ${WEBHOOKS.arn} FAIL`,
    ]);
  });

  it('keeps the function URLs when the HTTP API listing is denied, with one ERROR for it', async () => {
    const fn = { name: 'f', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:f' };
    const ports = account(
      {
        ...httpPorts([]),
        listHttpApis: async () => {
          throw denied('apigateway:GET on /apis');
        },
      },
      [fn],
    );
    const result = await runCheck('cors-policies', ports, CONFIG, NOW);
    expect(result.findings).toMatchObject([
      { rule: 'function-url-cors', resource: fn.arn, status: 'PASS' },
      {
        rule: 'http-api-cors',
        resource: '*',
        status: 'ERROR',
        remediation: expect.stringContaining('/apis'),
      },
    ]);
  });
});
