import { describe, expect, it } from 'vitest';
import { corsChecks } from '../../../../lambdas/core/checks/cors/definitions';
import type { FunctionUrlCors } from '../../../../lambdas/core/checks/cors/ports';
import { judgeFunctionUrlCors } from '../../../../lambdas/core/checks/cors/rules/cors-policies/function-url-cors';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';
import { NO_APIS } from '../api-gateway/no-apis';

const NOW = new Date('2026-03-10T12:00:00Z');
const fn = (name: string) => ({ name, arn: `arn:aws:lambda:eu-west-1:111122223333:function:${name}` });
const url = (allowOrigins: string[] | undefined, allowCredentials: boolean): FunctionUrlCors => ({
  url: 'https://x.lambda-url.eu-west-1.on.aws/',
  authType: 'NONE',
  ...(allowOrigins ? { allowOrigins } : {}),
  allowCredentials,
});

describe('function-url-cors', () => {
  it.each<[string, FunctionUrlCors, string, RegExp]>([
    ['* with credentials', url(['*'], true), 'FAIL', /any site \(\*\) with credentials/],
    ['* without credentials', url(['*'], false), 'WARN', /any site \(\*\)/],
    [
      '* among listed origins, with credentials',
      url(['https://a.example', '*'], true),
      'FAIL',
      /with credentials/,
    ],
    [
      'listed origins with credentials',
      url(['https://a.example'], true),
      'PASS',
      /allows https:\/\/a.example, with credentials/,
    ],
    ['no CORS configuration', url(undefined, false), 'PASS', /allows no cross-origin reads/],
    [
      'a plain-HTTP origin among listed ones',
      url(['https://a.example', 'HTTP://legacy.example'], true),
      'WARN',
      /plain http \(HTTP:\/\/legacy.example\).*as the signed-in user/,
    ],
  ])('%s: %s', (_case, cors, status, message) => {
    const finding = judgeFunctionUrlCors(fn('api'), succeeded(cors));
    expect(finding).toMatchObject({ checkId: 'cors-policies', rule: 'function-url-cors', status });
    expect(finding?.message).toMatch(message);
    expect(finding?.evidence).toMatchObject({ allowOrigins: cors.allowOrigins ?? null });
  });

  it('gives no finding for a function without a URL', () => {
    expect(judgeFunctionUrlCors(fn('api'), succeeded(undefined))).toBeUndefined();
  });

  it('is ERROR, never PASS, when the URL could not be read', () => {
    const denied = new AwsCallError(
      'lambda:GetFunctionUrlConfig',
      'access-denied',
      'AccessDeniedException',
      'no',
    );
    expect(judgeFunctionUrlCors(fn('api'), { ok: false, error: denied })).toMatchObject({ status: 'ERROR' });
  });
});

describe('the cors-policies check', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: { orders: { environments: ['prod'], resources: { names: ['orders-api', 'orders-worker'] } } },
  });
  const scope: ScopePorts = {
    resourcesWithTags: async () => [],
    stackResources: async () => undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };

  it('asks for the function listing, the function URLs, and the scope', () => {
    expect(corsChecks['cors-policies'].permissions).toEqual([
      'lambda:ListFunctions',
      'lambda:GetFunctionUrlConfig',
      's3:ListAllMyBuckets',
      's3:GetBucketCORS',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("reads the URLs of the service's functions only, and skips, never passes, when none has one", async () => {
    const asked: string[] = [];
    const account = {
      tracing: { listFunctions: async () => [fn('orders-api'), fn('orders-worker'), fn('other')] },
      cors: {
        listBuckets: async () => [],
        functionUrlCors: async (name: string) => {
          asked.push(name);
          return undefined;
        },
      },
      scope,
      ...NO_APIS,
    } as unknown as AccountPorts;
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('cors-policies', account, CONFIG, NOW, { target });
    expect(asked.sort()).toEqual(['orders-api', 'orders-worker']);
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'SKIPPED' }]);
  });

  it('degrades one function alone when its URL cannot be read', async () => {
    const account = {
      tracing: { listFunctions: async () => [fn('orders-api'), fn('orders-worker')] },
      cors: {
        listBuckets: async () => [],
        functionUrlCors: async (name: string) => {
          if (name === 'orders-api')
            throw new AwsCallError(
              'lambda:GetFunctionUrlConfig',
              'throttled',
              'TooManyRequestsException',
              'slow',
            );
          return url(['https://a.example'], false);
        },
      },
      scope,
      ...NO_APIS,
    } as unknown as AccountPorts;
    const result = await runCheck('cors-policies', account, CONFIG, NOW);
    expect(result.findings.map((f) => f.status)).toEqual(['ERROR', 'PASS']);
  });
});
