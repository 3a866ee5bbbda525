import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  BackupClient,
  ListBackupJobsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccountSummaryCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, type DescribeKeyCommandInput, KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  ListStateMachinesCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  SFNClient,
  type SFNClientResolvedConfig,
} from '@aws-sdk/client-sfn';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';

/**
 * A small, healthy account stubbed at the SDK clients: every check finds something to pass or
 * nothing in scope. Tests then break one service at a time through the returned mocks.
 */
export function stubHealthyAccount(now: Date) {
  let at = now;
  const days = (n: number) => new Date(at.getTime() + n * 86_400_000);
  const mocks = {
    rds: mockClient(RDSClient),
    dynamodb: mockClient(DynamoDBClient),
    backup: mockClient(BackupClient),
    sts: mockClient(STSClient),
    acm: mockClient(ACMClient),
    secrets: mockClient(SecretsManagerClient),
    ssm: mockClient(SSMClient),
    iam: mockClient(IAMClient),
    kms: mockClient(KMSClient),
    cloudwatch: mockClient(CloudWatchClient),
    sns: mockClient(SNSClient),
    logs: mockClient(CloudWatchLogsClient),
    lambda: mockClient(LambdaClient),
    elb: mockClient(ElasticLoadBalancingV2Client),
    applicationAutoScaling: mockClient(ApplicationAutoScalingClient),
    autoScaling: mockClient(AutoScalingClient),
    ec2: mockClient(EC2Client),
    ecs: mockClient(ECSClient),
    quotas: mockClient(ServiceQuotasClient),
    restApis: mockClient(APIGatewayClient),
    httpApis: mockClient(ApiGatewayV2Client),
    cloudFront: mockClient(CloudFrontClient),
  };
  // A test that drives the state machine's callbacks mocks Step Functions itself (a second mock of a
  // client replaces the first): it then answers ListStateMachines too (see stubStateMachineListing).
  const sfn = isMocked(SFNClient) ? undefined : mockClient(SFNClient);

  /** Re-arms every stub, dated relative to `when` (default: the time given at creation). */
  const install = (when: Date = now) => {
    at = when;
    for (const mock of Object.values(mocks)) mock.reset();
    if (sfn !== undefined) stubStateMachineListing(sfn);
    // No CloudFront distribution. (No S3 bucket either: the report bucket's stand-in, stubS3, answers
    // the bucket listing, so this stub never takes over a test's own S3 mock.)
    mocks.cloudFront.on(ListDistributionsCommand).resolves({
      DistributionList: { Marker: '', MaxItems: 1000, IsTruncated: false, Quantity: 0, Items: [] },
    });
    // No log group, function or load balancer: those checks find nothing in the whole account.
    mocks.logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
    // No ECS cluster, and no quota with a usage metric.
    mocks.ecs.on(ListClustersCommand).resolves({ clusterArns: [] });
    mocks.quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [] });
    mocks.elb.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    mocks.elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    mocks.ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    // No REST or HTTP API.
    mocks.restApis.on(GetRestApisCommand).resolves({ items: [] });
    mocks.httpApis.on(GetApisCommand).resolves({ Items: [] });
    mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    // Nothing that scales, no storage metric: those checks find nothing.
    mocks.applicationAutoScaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    mocks.applicationAutoScaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
    mocks.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    mocks.autoScaling.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    mocks.cloudwatch.on(ListMetricsCommand).resolves({ Metrics: [] });
    // No datapoints for any metric asked for (a database a test adds is then judged on no data: WARN).
    mocks.cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
        Id: q.Id,
        Timestamps: [],
        Values: [],
        StatusCode: 'Complete',
      })),
    }));
    mocks.rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: [] });
    mocks.backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });
    mocks.backup.on(ListBackupJobsCommand).resolves({ BackupJobs: [] });
    mocks.backup.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    mocks.acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/healthy',
          DomainName: 'shop.example.com',
          Type: 'AMAZON_ISSUED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'RSA_2048',
          NotAfter: days(200),
        },
      ],
    });
    mocks.secrets.on(ListSecretsCommand).resolves({
      SecretList: [
        {
          ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
          Name: 'prod/db',
          KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1111',
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          CreatedDate: days(-300),
          LastRotatedDate: days(-10),
          LastChangedDate: days(-10),
          NextRotationDate: days(20),
          SecretVersionsToStages: { v1: ['AWSCURRENT'] },
        },
      ],
    });
    mocks.ssm.on(DescribeParametersCommand).resolves({ Parameters: [] });
    // Every customer managed key a secret names is enabled.
    mocks.kms.on(DescribeKeyCommand).callsFake((input: DescribeKeyCommandInput) => ({
      KeyMetadata: {
        KeyId: input.KeyId?.split('/').at(-1),
        Arn: input.KeyId,
        KeyState: 'Enabled',
        KeyManager: 'CUSTOMER',
        Enabled: true,
      },
    }));
    mocks.iam.on(ListUsersCommand).resolves({ Users: [] });
    // The root user (of the account the caller is in) has no access key.
    mocks.iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 0 } });
    mocks.sts.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/preflight-audit/preflight',
    });
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'orders-5xx',
          AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx',
          ActionsEnabled: true,
          AlarmActions: [TOPIC],
          StateValue: 'OK',
          StateUpdatedTimestamp: days(-1),
          StateTransitionedTimestamp: days(-1),
          TreatMissingData: 'breaching',
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
        },
      ],
      CompositeAlarms: [],
    });
    mocks.sns.on(ListSubscriptionsByTopicCommand).resolves({
      Subscriptions: [
        {
          TopicArn: TOPIC,
          Protocol: 'email',
          SubscriptionArn: `${TOPIC}:5f1c`,
          Endpoint: 'oncall@example.com',
        },
      ],
    });
    mocks.sns.on(GetTopicAttributesCommand).resolves({ Attributes: { TopicArn: TOPIC } });
  };
  install();
  /** The CLI's caller: a CI pipeline's role in `accountId`, as `sts:GetCallerIdentity` answers it. */
  const pipelineCaller = (accountId: string) =>
    mocks.sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: accountId, Arn: `arn:aws:sts::${accountId}:assumed-role/ci/x` });
  /** Gives every client its own `send` back (a file of the shared test project must, in afterAll). */
  const restore = () => {
    for (const mock of Object.values(mocks)) mock.restore();
    sfn?.restore();
  };
  return { mocks, install, days, restore, pipelineCaller };
}

/** Whether a client's `send` is already stubbed by aws-sdk-client-mock (sinon). */
function isMocked(client: { prototype: { send: unknown } }): boolean {
  return typeof (client.prototype.send as { restore?: unknown }).restore === 'function';
}

/** A healthy account has no state machine of its own to judge: ListStateMachines answers none. */
export function stubStateMachineListing(
  sfn: AwsStub<ServiceInputTypes, ServiceOutputTypes, SFNClientResolvedConfig>,
): void {
  sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
}
