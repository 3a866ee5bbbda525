import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DETAIL_VERSION, EVENT_SOURCE, EVERY_DETAIL_TYPE } from '../lambdas/core/events/model';
import { CHAT_ROUTES, type ChatLinks } from './chat-messages';
import { DeadLetterQueue } from './dead-letter-queue';
import { PreflightKey } from './preflight-key';

/*
 * The optional chat channels (`integrations.chatbot`): rules on the default bus that take Preflight's
 * own events (its source, from this account), shape each into a custom notification AWS Chatbot
 * renders (chat-messages.ts), and publish it to a topic that Slack and Microsoft Teams channel
 * configurations subscribe to.
 *
 * - The topic is encrypted with its own key and refuses plain HTTP; only EventBridge may publish to
 *   it, and only for these rules (`aws:SourceArn`), and the key serves only that.
 * - The channels' role has no permissions: custom notifications need none (Chatbot reads nothing to
 *   render them). The guardrail is AWS's `AWSDenyAll`: whatever role someone picks in the channel,
 *   no command run from the chat can do anything in the account. Without a guardrail Chatbot applies
 *   AdministratorAccess; `ReadOnlyAccess` would let anyone in the channel read every resource
 *   (configuration, logs, objects) of the account.
 * - What EventBridge cannot deliver (a refused publish, a key it may not use) goes to a dead-letter
 *   queue, which the stack alarms on like every other.
 */

export interface ChatSlackChannel {
  /** The channel configuration's name. @default preflight-<region>-slack-<n> */
  readonly name?: string;
  readonly workspaceId: string;
  readonly channelId: string;
}

export interface ChatTeamsChannel {
  /** The channel configuration's name. @default preflight-<region>-teams-<n> */
  readonly name?: string;
  readonly teamId: string;
  readonly tenantId: string;
  readonly channelId: string;
}

export interface ChatNotificationsProps {
  /** Slack channels (workspace authorized in the Chatbot console). @default none */
  readonly slack?: readonly ChatSlackChannel[];
  /** Microsoft Teams channels (team authorized in the Chatbot console). @default none */
  readonly teams?: readonly ChatTeamsChannel[];
  /** The detail types sent. @default every Preflight detail type */
  readonly detailTypes?: readonly string[];
  /** Only these services' events (the quarterly review is not filtered). @default every service */
  readonly services?: readonly string[];
  /** Only these environments' events (the quarterly review is not filtered). @default every environment */
  readonly environments?: readonly string[];
  /** Only events of these verdicts (the quarterly review is not filtered). @default every verdict */
  readonly verdicts?: readonly string[];
  /** What Chatbot logs about its deliveries (CloudWatch Logs, us-east-1). @default 'ERROR' */
  readonly loggingLevel?: 'ERROR' | 'INFO' | 'NONE';
  /** The bucket the reports are in, for the messages' links. */
  readonly reportBucketName: string;
  /** The watch state machine's name, for the watch messages' links. */
  readonly watchStateMachineName: string;
}

/** The AWS managed policy that denies every action: the channels' guardrail. */
export const CHAT_GUARDRAIL_POLICY = 'AWSDenyAll';

/** A target that publishes to the topic without granting anything: the topic policy says who may. */
class PublishToTopic implements events.IRuleTarget {
  constructor(
    private readonly topic: sns.ITopic,
    private readonly message: events.RuleTargetInput,
    private readonly undelivered: DeadLetterQueue,
  ) {}

  bind(): events.RuleTargetConfig {
    return {
      arn: this.topic.topicArn,
      input: this.message,
      deadLetterConfig: { arn: this.undelivered.queueArn },
      retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: Duration.hours(24).toSeconds() },
    };
  }
}

export class ChatNotifications extends Construct {
  readonly topic: sns.Topic;
  readonly key: PreflightKey;
  readonly rules: readonly events.Rule[];
  /** The role every channel configuration has: trusted by Chatbot, with no permissions. */
  readonly channelRole: iam.Role;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ChatNotificationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new PreflightKey(this, 'Key', {
      description: "Encrypts the topic of Preflight's chat messages",
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Preflight chat messages',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'Preflight chat messages EventBridge could not publish to the chat topic',
    });

    const links: ChatLinks = {
      region: Aws.REGION,
      reportBucketName: props.reportBucketName,
      watchExecutionArnPrefix: stack.formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${props.watchStateMachineName}:`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    };
    const wanted = new Set(props.detailTypes ?? EVERY_DETAIL_TYPE);
    const rules: events.Rule[] = [];
    const ruleArns: string[] = [];
    for (const route of CHAT_ROUTES) {
      const detailTypes = route.detailTypes.filter((type) => wanted.has(type));
      if (detailTypes.length === 0) continue;
      const detail: Record<string, string[]> = { version: [DETAIL_VERSION] };
      if (route.scoped) {
        if (props.services !== undefined) detail.service = [...props.services];
        if (props.environments !== undefined) detail.environment = [...props.environments];
        if (props.verdicts !== undefined) detail.verdict = [...props.verdicts];
      }
      // Named, so that the policies below can name its ARN without depending on the rule (which
      // depends on the topic, which depends on the key): one Preflight per account and region.
      const ruleName = `preflight-chat-${route.id.toLowerCase()}`;
      const rule = new events.Rule(this, route.id, {
        ruleName,
        description: `Preflight's events (${detailTypes.join(', ')}) to chat through AWS Chatbot`,
        eventPattern: {
          // Preflight's own events only: its source, put in this account (not forwarded from another).
          source: [EVENT_SOURCE],
          account: [stack.account],
          detailType: detailTypes,
          detail,
        },
      });
      rule.addTarget(new PublishToTopic(this.topic, route.message(links), this.undelivered));
      rules.push(rule);
      ruleArns.push(stack.formatArn({ service: 'events', resource: 'rule', resourceName: ruleName }));
    }
    this.rules = rules;
    this.allowOnlyTheseRules(stack, ruleArns);

    this.channelRole = new iam.Role(this, 'ChannelRole', {
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      description: 'AWS Chatbot channels of Preflight: custom notifications only, no permissions',
    });
    const guardrail = iam.ManagedPolicy.fromAwsManagedPolicyName(CHAT_GUARDRAIL_POLICY);
    const loggingLevel = props.loggingLevel ?? 'ERROR';
    (props.slack ?? []).forEach((channel, index) => {
      new chatbot.SlackChannelConfiguration(this, `Slack${index}`, {
        slackChannelConfigurationName: channel.name ?? `preflight-${stack.region}-slack-${index}`,
        slackWorkspaceId: channel.workspaceId,
        slackChannelId: channel.channelId,
        role: this.channelRole,
        guardrailPolicies: [guardrail],
        notificationTopics: [this.topic],
        loggingLevel: chatbot.LoggingLevel[loggingLevel],
        userRoleRequired: false,
      });
    });
    (props.teams ?? []).forEach((channel, index) => {
      new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, `Teams${index}`, {
        configurationName: channel.name ?? `preflight-${stack.region}-teams-${index}`,
        teamId: channel.teamId,
        teamsTenantId: channel.tenantId,
        teamsChannelId: channel.channelId,
        iamRoleArn: this.channelRole.roleArn,
        guardrailPolicies: [guardrail.managedPolicyArn],
        snsTopicArns: [this.topic.topicArn],
        loggingLevel,
        userRoleRequired: false,
      });
    });
  }

  /**
   * EventBridge publishes as its service principal on behalf of a rule: the topic, its key and the
   * dead-letter queue let it do so for these rules alone (`aws:SourceArn`), as the SNS guide's
   * "Enable compatibility between event sources from AWS services and encrypted topics" has it.
   */
  private allowOnlyTheseRules(stack: Stack, ruleArns: readonly string[]): void {
    const eventBridge = new iam.ServicePrincipal('events.amazonaws.com');
    const conditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnEquals: { 'aws:SourceArn': [...ruleArns] },
    };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PreflightChatRulesPublish',
        principals: [eventBridge],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PreflightChatRulesPublish',
        principals: [eventBridge],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );
    this.undelivered.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PreflightChatRulesDeadLetters',
        principals: [eventBridge],
        actions: ['sqs:SendMessage'],
        resources: [this.undelivered.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': [...ruleArns] } },
      }),
    );
  }
}
