import type { LambdaFunctionURLEventWithIAMAuthorizer } from 'aws-lambda';

export interface FunctionUrlEventOptions {
  /** The caller AWS authenticated; `null` for a request without an IAM authorizer context. */
  readonly userArn?: string | null;
  readonly method?: string;
  /** Send this text as the body instead of `JSON.stringify(body)`. */
  readonly raw?: string;
  readonly base64?: boolean;
}

/**
 * A Lambda function URL event as AWS delivers it for an `AWS_IAM` URL: the caller's identity is in
 * `requestContext.authorizer.iam`, filled by AWS from the verified signature.
 */
export function functionUrlEvent(
  body: unknown,
  options: FunctionUrlEventOptions = {},
): LambdaFunctionURLEventWithIAMAuthorizer {
  const text = options.raw ?? JSON.stringify(body);
  const userArn = options.userArn === undefined ? 'arn:aws:iam::111122223333:user/nobody' : options.userArn;
  const accountId = userArn?.split(':')[4] ?? '';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'abc123.lambda-url.us-east-1.on.aws' },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc123',
      http: {
        method: options.method ?? 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'preflight',
      },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_600_000_000,
      authorizer:
        userArn === null
          ? (undefined as never)
          : {
              iam: {
                accessKey: 'ASIAEXAMPLE',
                accountId,
                callerId: 'AROAEXAMPLE:session',
                cognitoIdentity: null,
                principalOrgId: 'o-example',
                userArn,
                userId: 'AROAEXAMPLE:session',
              },
            },
    },
    body: options.base64 ? Buffer.from(text, 'utf8').toString('base64') : text,
    isBase64Encoded: options.base64 ?? false,
  };
}
