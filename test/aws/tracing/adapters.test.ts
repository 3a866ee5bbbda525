import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FUNCTIONS_PAGE_SIZE, listFunctions } from '../../../lambdas/aws/tracing/lambda';
import {
  listStateMachines,
  STATE_MACHINES_PAGE_SIZE,
  stateMachineTracing,
} from '../../../lambdas/aws/tracing/sfn';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const lambda = mockClient(LambdaClient);
const sfn = mockClient(SFNClient);

afterAll(() => {
  lambda.restore();
  sfn.restore();
});
const lambdaClient = new LambdaClient({ region: 'eu-west-1' });
const sfnClient = new SFNClient({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });

describe('listFunctions', () => {
  beforeEach(() => lambda.reset());

  it('asks for the largest page, follows NextMarker and keeps each tracing mode', async () => {
    const pages = servePages([
      {
        Functions: [{ FunctionName: 'a', FunctionArn: 'arn:a', TracingConfig: { Mode: 'Active' } }],
        NextMarker: 'm2',
      },
      { Functions: [{ FunctionName: 'b', FunctionArn: 'arn:b', TracingConfig: { Mode: 'PassThrough' } }] },
    ]);
    lambda.on(ListFunctionsCommand).callsFake(pages.reply);
    expect(await listFunctions(lambdaClient)).toEqual([
      { name: 'a', arn: 'arn:a', tracingMode: 'Active' },
      { name: 'b', arn: 'arn:b', tracingMode: 'PassThrough' },
    ]);
    expect(pages.sent).toEqual([
      { MaxItems: FUNCTIONS_PAGE_SIZE },
      { MaxItems: FUNCTIONS_PAGE_SIZE, Marker: 'm2' },
    ]);
  });

  it('keeps what the listing carries for the workloads checks: timeout, memory, environment, its key', async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        {
          FunctionName: 'a',
          FunctionArn: 'arn:a',
          Timeout: 10,
          MemorySize: 512,
          Environment: { Variables: { MODE: 'live' } },
          KMSKeyArn: 'arn:aws:kms:k',
        },
        {
          FunctionName: 'b',
          FunctionArn: 'arn:b',
          Timeout: 3,
          MemorySize: 128,
          Environment: { Error: { ErrorCode: 'KMSAccessDeniedException', Message: 'no' } },
        },
      ],
    });
    expect(await listFunctions(lambdaClient)).toEqual([
      {
        name: 'a',
        arn: 'arn:a',
        timeoutSeconds: 10,
        memoryMb: 512,
        environment: { MODE: 'live' },
        kmsKeyArn: 'arn:aws:kms:k',
      },
      {
        name: 'b',
        arn: 'arn:b',
        timeoutSeconds: 3,
        memoryMb: 128,
        environmentError: 'KMSAccessDeniedException',
      },
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
      'answered without a function name',
      () => lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionArn: 'arn:x' }] }),
      'malformed-response',
    ],
  ])('fails closed naming lambda:ListFunctions when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listFunctions(lambdaClient).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'lambda:ListFunctions', kind });
  });
});

describe('state machines', () => {
  beforeEach(() => sfn.reset());

  it('lists at the largest page, following nextToken', async () => {
    const pages = servePages([
      {
        stateMachines: [{ name: 'a', stateMachineArn: 'arn:a', type: 'STANDARD', creationDate: new Date() }],
        nextToken: 't',
      },
      { stateMachines: [{ name: 'b', stateMachineArn: 'arn:b', type: 'EXPRESS', creationDate: new Date() }] },
    ]);
    sfn.on(ListStateMachinesCommand).callsFake(pages.reply);
    expect(await listStateMachines(sfnClient)).toEqual([
      { name: 'a', arn: 'arn:a', type: 'STANDARD' },
      { name: 'b', arn: 'arn:b', type: 'EXPRESS' },
    ]);
    expect(pages.sent).toEqual([
      { maxResults: STATE_MACHINES_PAGE_SIZE },
      { maxResults: STATE_MACHINES_PAGE_SIZE, nextToken: 't' },
    ]);
  });

  it.each<[object, boolean]>([
    [{ tracingConfiguration: { enabled: true } }, true],
    [{ tracingConfiguration: { enabled: false } }, false],
    [{}, false],
  ])('reads tracing from the description %j', async (extra, expected) => {
    sfn.on(DescribeStateMachineCommand).resolves({ name: 'a', stateMachineArn: 'arn:a', ...extra } as never);
    expect(await stateMachineTracing(sfnClient, 'arn:a')).toBe(expected);
  });

  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['ThrottlingException', 'throttled'],
  ])('throws an AwsCallError naming states:DescribeStateMachine on %s', async (name, kind) => {
    sfn.on(DescribeStateMachineCommand).rejects(fail(name));
    const error = await stateMachineTracing(sfnClient, 'arn:a').catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'states:DescribeStateMachine', kind });
  });
});
