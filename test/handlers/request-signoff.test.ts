import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

process.env.REPORT_BUCKET = 'reports';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
process.env.HISTORY_TABLE = 'history';

const s3 = stubS3();
const sns = mockClient(SNSClient);

afterAll(() => {
  s3.mock.restore();
  sns.restore();
});

describe('request-signoff handler', () => {
  beforeEach(() => {
    s3.install();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  it("keeps the task token in the role's request record and tells people how to answer, without the token", async () => {
    const { handler } = await import('../../lambdas/handlers/audit/request-signoff');

    const result = await handler(
      {
        taskToken: 'token-123',
        runId: 'deploy-42',
        service: 'orders-api',
        environment: 'prod',
        role: 'Security Engineer',
        label: 'orders prod',
        reportLocation: 's3://reports/runs/deploy-42/report.json',
        timeoutMinutes: 240,
      },
      {} as never,
    );

    expect(result).toEqual({ requestKey: 'signoffs/deploy-42/security-engineer/request.json' });
    expect(s3.json('signoffs/deploy-42/security-engineer/request.json')).toEqual({
      service: 'orders-api',
      environment: 'prod',
      runId: 'deploy-42',
      role: 'Security Engineer',
      label: 'orders prod',
      requestedAt: expect.stringMatching(/^\d{4}-/),
      reportLocation: 's3://reports/runs/deploy-42/report.json',
      taskToken: 'token-123',
    });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
      Subject: 'Preflight sign-off requested: Security Engineer for orders prod',
    });
    const message = sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
    // --no-install: a plain `npx preflight` outside the clone could fetch a stranger's package.
    expect(message).toContain(
      'npx --no-install preflight approve --run deploy-42 --role "Security Engineer"',
    );
    expect(message).not.toMatch(/npx (?!--no-install )/);
    expect(message).not.toContain('token-123');
    expect(JSON.stringify(sns.commandCalls(PublishCommand)[0]?.args[0].input)).not.toContain('token-123');
  });
});
