import { describe, expect, it } from 'vitest';
import { toAwsCallError } from '../../lambdas/aws/call';

const sdkError = (name: string, status?: number) =>
  Object.assign(new Error('message'), {
    name,
    ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
  });

describe('toAwsCallError', () => {
  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['ThrottlingException', 'throttled'],
    ['TooManyRequestsException', 'throttled'],
    ['RequestTimeout', 'timeout'],
    // "ResourceNotFoundException" holds "eNotFound": a missing resource is not a DNS failure.
    ['ResourceNotFoundException', 'not-found'],
    ['NoSuchEntity', 'not-found'],
    ['TargetGroupNotFound', 'not-found'],
  ])('classifies %s as %s', (name, kind) => {
    expect(toAwsCallError('svc:Call', sdkError(name))).toMatchObject({
      action: 'svc:Call',
      kind,
      code: name,
    });
  });

  it.each(['ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT'])('classifies the network error %s as timeout', (code) => {
    expect(toAwsCallError('svc:Call', Object.assign(new Error('x'), { name: 'Error', code }))).toMatchObject({
      kind: 'timeout',
    });
  });
});
