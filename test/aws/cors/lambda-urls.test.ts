import { GetFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { functionUrlCors } from '../../../lambdas/aws/cors/lambda-urls';
import { AwsCallError } from '../../../lambdas/core/errors';

const lambda = mockClient(LambdaClient);

afterAll(() => {
  lambda.restore();
});
const client = new LambdaClient({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });

describe('functionUrlCors', () => {
  beforeEach(() => lambda.reset());

  it("gives the URL's origins and credentials", async () => {
    lambda.on(GetFunctionUrlConfigCommand, { FunctionName: 'api' }).resolves({
      FunctionUrl: 'https://x.lambda-url.eu-west-1.on.aws/',
      FunctionArn: 'arn:api',
      AuthType: 'NONE',
      Cors: { AllowOrigins: ['*'], AllowCredentials: true },
      CreationTime: '2026-01-01T00:00:00Z',
      LastModifiedTime: '2026-01-01T00:00:00Z',
    });
    expect(await functionUrlCors(client, 'api')).toEqual({
      url: 'https://x.lambda-url.eu-west-1.on.aws/',
      authType: 'NONE',
      allowOrigins: ['*'],
      allowCredentials: true,
    });
  });

  it('gives undefined for a function without a URL (ResourceNotFoundException)', async () => {
    lambda.on(GetFunctionUrlConfigCommand).rejects(fail('ResourceNotFoundException'));
    expect(await functionUrlCors(client, 'api')).toBeUndefined();
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => lambda.on(GetFunctionUrlConfigCommand).rejects(fail('AccessDeniedException')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () => lambda.on(GetFunctionUrlConfigCommand).rejects(fail('TooManyRequestsException')),
      'throttled',
    ],
    [
      'answered without a URL',
      () => lambda.on(GetFunctionUrlConfigCommand).resolves({ AuthType: 'NONE' } as never),
      'malformed-response',
    ],
  ])('fails closed naming lambda:GetFunctionUrlConfig when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await functionUrlCors(client, 'api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'lambda:GetFunctionUrlConfig', kind });
  });
});
