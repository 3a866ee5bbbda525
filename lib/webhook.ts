import { SecretValue } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { EVENT_SOURCE, EVERY_DETAIL_TYPE } from '../lambdas/core/events/model';
import { DeadLetterQueue } from './dead-letter-queue';

/*
 * The optional webhook (`integrations.webhook`): a rule on the default bus that sends Preflight's
 * events to an HTTPS endpoint through an EventBridge API destination. The connection's API key is
 * read from the team's Secrets Manager secret at deployment (a dynamic reference: the key is never
 * in the template), and EventBridge keeps it in the connection's own Secrets Manager secret.
 * Deliveries that still fail after EventBridge's retries land in a dead-letter queue (alarmed).
 */

export interface WebhookProps {
  /** The HTTPS endpoint events are POSTed to. */
  readonly url: string;
  /** The Secrets Manager secret whose value is the API key. */
  readonly apiKeySecretArn: string;
  /** The header the key is sent in. @default 'x-api-key' */
  readonly apiKeyHeader?: string;
  /** The detail types sent. @default every Preflight detail type */
  readonly detailTypes?: readonly string[];
  /** Requests per second at most. @default 10 */
  readonly rateLimitPerSecond?: number;
}

export class Webhook extends Construct {
  readonly rule: events.Rule;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: WebhookProps) {
    super(scope, id);
    const connection = new events.Connection(this, 'Connection', {
      description: "Preflight's events to the team's webhook",
      authorization: events.Authorization.apiKey(
        props.apiKeyHeader ?? 'x-api-key',
        SecretValue.secretsManager(props.apiKeySecretArn),
      ),
    });
    const destination = new events.ApiDestination(this, 'Destination', {
      connection,
      endpoint: props.url,
      httpMethod: events.HttpMethod.POST,
      rateLimitPerSecond: props.rateLimitPerSecond ?? 10,
      description: "Preflight's events, POSTed as EventBridge sends them",
    });
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'Preflight events the webhook did not accept after retries',
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: "Preflight's events to the team's webhook",
      eventPattern: { source: [EVENT_SOURCE], detailType: [...(props.detailTypes ?? EVERY_DETAIL_TYPE)] },
      targets: [
        new targets.ApiDestination(destination, { deadLetterQueue: this.undelivered, retryAttempts: 8 }),
      ],
    });
  }
}
