import { GetAliasCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { alias, FUNCTIONS_PAGE_SIZE, listFunctions } from '../../../lambdas/aws/deploys/lambda';
import { AwsCallError } from '../../../lambdas/core/errors';

const lambda = mockClient(LambdaClient);

afterAll(() => {
  lambda.restore();
});
const client = new LambdaClient({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });

describe('listFunctions', () => {
  beforeEach(() => lambda.reset());

  it('asks for the largest page and follows NextMarker', async () => {
    const sent: unknown[] = [];
    lambda.on(ListFunctionsCommand).callsFake((input) => {
      sent.push({ ...input });
      return input.Marker === undefined
        ? { Functions: [{ FunctionName: 'a', FunctionArn: 'arn:a' }], NextMarker: 'm2' }
        : { Functions: [{ FunctionName: 'b', FunctionArn: 'arn:b' }] };
    });
    expect(await listFunctions(client)).toEqual([
      { name: 'a', arn: 'arn:a' },
      { name: 'b', arn: 'arn:b' },
    ]);
    expect(sent).toEqual([
      { MaxItems: FUNCTIONS_PAGE_SIZE },
      { MaxItems: FUNCTIONS_PAGE_SIZE, Marker: 'm2' },
    ]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => lambda.on(ListFunctionsCommand).rejects(fail('AccessDeniedException')), 'access-denied'],
    [
      'throttled past the retries',
      () => lambda.on(ListFunctionsCommand).rejects(fail('TooManyRequestsException')),
      'throttled',
    ],
    [
      'answered without an ARN',
      () => lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a' }] }),
      'malformed-response',
    ],
  ])('fails closed naming lambda:ListFunctions when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listFunctions(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'lambda:ListFunctions', kind });
  });
});

describe('alias', () => {
  beforeEach(() => lambda.reset());

  it('reads the version an alias serves and its traffic split', async () => {
    lambda.on(GetAliasCommand, { FunctionName: 'receipts', Name: 'live' }).resolves({
      Name: 'live',
      FunctionVersion: '7',
      RoutingConfig: { AdditionalVersionWeights: { '8': 0.1 } },
    });
    expect(await alias(client, 'receipts', 'live')).toEqual({
      name: 'live',
      functionVersion: '7',
      additionalWeights: { '8': 0.1 },
    });
  });

  it('gives undefined for a function without the alias', async () => {
    lambda.on(GetAliasCommand).rejects(fail('ResourceNotFoundException'));
    expect(await alias(client, 'receipts', 'live')).toBeUndefined();
  });

  it.each<[string, () => void, string]>([
    ['denied', () => lambda.on(GetAliasCommand).rejects(fail('AccessDeniedException')), 'access-denied'],
    [
      'throttled past the retries',
      () => lambda.on(GetAliasCommand).rejects(fail('TooManyRequestsException')),
      'throttled',
    ],
    [
      'answered without a version',
      () => lambda.on(GetAliasCommand).resolves({ Name: 'live' }),
      'malformed-response',
    ],
  ])('fails closed naming lambda:GetAlias when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await alias(client, 'receipts', 'live').catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'lambda:GetAlias', kind });
  });
});
