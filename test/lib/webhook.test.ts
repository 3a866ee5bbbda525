import { App, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../lambdas/core/config/validate';
import { EVERY_DETAIL_TYPE } from '../../lambdas/core/events/model';
import { PreflightStack } from '../../lib/preflight-stack';
import { synthPreflight } from '../harness/synth';
import { expectNoRuleTargetsAnActor } from '../support/bus-rules';
import { actionsOf, ofType, resolved, roleStatements } from '../support/template-policies';

/*
 * integrations.webhook in the template: Preflight's events to an HTTPS endpoint through an API
 * destination whose connection takes the API key from the team's Secrets Manager secret (never
 * written into the template), with a dead-letter queue for what could not be delivered; cdk-nag clean.
 */

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:preflight/webhook-AbCdEf';
const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  integrations: { webhook: { url: 'https://hooks.example.com/preflight', apiKeySecretArn: SECRET } },
};

let template: Template;
beforeAll(() => {
  ({ template } = synthPreflight(CONFIG));
});

describe('integrations.webhook', () => {
  it('is the only target of its rule: no state machine, no function acts on an event (a forged one starts nothing)', () => {
    expectNoRuleTargetsAnActor(template);
  });

  it('authenticates with the API key from the Secrets Manager secret, by reference only', () => {
    const [[, connection] = []] = ofType(template, 'AWS::Events::Connection');
    expect(connection?.Properties?.AuthorizationType).toBe('API_KEY');
    const auth = resolved(connection?.Properties?.AuthParameters) as {
      ApiKeyAuthParameters: { ApiKeyName: string; ApiKeyValue: string };
    };
    expect(auth.ApiKeyAuthParameters.ApiKeyName).toBe('x-api-key');
    expect(auth.ApiKeyAuthParameters.ApiKeyValue).toBe(
      `{{resolve:secretsmanager:${SECRET}:SecretString:::}}`,
    );
  });

  it('POSTs every Preflight event to the endpoint, rate limited, with a dead-letter queue for what it cannot deliver', () => {
    const [[destinationId, destination] = []] = ofType(template, 'AWS::Events::ApiDestination');
    expect(destination?.Properties).toMatchObject({
      InvocationEndpoint: 'https://hooks.example.com/preflight',
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 10,
    });
    const rules = ofType(template, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(r.Properties?.Targets ?? []).includes(String(destinationId)),
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]?.[1];
    expect(rule?.Properties?.EventPattern).toEqual({
      source: ['preflight'],
      'detail-type': [...EVERY_DETAIL_TYPE],
    });
    const [target] = (rule?.Properties?.Targets ?? []) as {
      DeadLetterConfig?: unknown;
      RoleArn: unknown;
      RetryPolicy?: unknown;
    }[];
    expect(resolved(target?.DeadLetterConfig)).toEqual({
      Arn: expect.stringMatching(/^<WebhookUndelivered.*\.Arn>$/),
    });
    // The target's role may invoke this destination and nothing else.
    const roleId = String(resolved(target?.RoleArn)).replace(/^<|\.Arn>$/g, '');
    const statements = roleStatements(template, roleId).filter((s) => s.Effect === 'Allow');
    expect(statements.flatMap(actionsOf)).toEqual(['events:InvokeApiDestination']);
    expect([statements[0]?.Resource].flat().map(resolved)).toEqual([`<${destinationId}.Arn>`]);
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').filter(([id]) =>
      id.startsWith('WebhookUndelivered'),
    );
    expect(alarms).toHaveLength(1);
  });

  it('is absent unless configured, and refuses an http URL, a secret that is not an ARN or an unknown detail type', () => {
    const plain = synthPreflight({ notifications: { emails: ['oncall@example.com'] } });
    expect(ofType(plain.template, 'AWS::Events::ApiDestination')).toEqual([]);
    expect(ofType(plain.template, 'AWS::Events::Connection')).toEqual([]);
    const webhook = CONFIG.integrations.webhook;
    expect(() =>
      validateConfig({ integrations: { webhook: { ...webhook, url: 'http://hooks.example.com' } } }),
    ).toThrow(/url/);
    expect(() =>
      validateConfig({ integrations: { webhook: { ...webhook, apiKeySecretArn: 'my-secret' } } }),
    ).toThrow(/expected a Secrets Manager secret ARN/);
    expect(() =>
      validateConfig({ integrations: { webhook: { ...webhook, detailTypes: ['Preflight Everything'] } } }),
    ).toThrow(/detailTypes/);
  });

  it('is cdk-nag clean (AwsSolutions and Serverless packs)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PreflightStack(app, 'Preflight', { config: validateConfig(CONFIG) });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
