import type { StackResource } from '../core/scope/ports';

/*
 * Who owns what in the sample organization's main account, eu-west-1 (the estate of `account.ts`):
 * - orders-api, by tag service=orders-api: the orders database and its replica, api.example.com,
 *   the orders database secret, its API token parameter, its error-rate, CPU and health alarms, its
 *   two log groups (streaming, with retention), its request-count metric, its receipts function and
 *   fulfilment state machine (both traced), its target group (all targets healthy) and public load
 *   balancer (a WAF rate-based rule blocks), its ECS service (scales on CPU, 2 to 10 tasks; limits
 *   set, secrets referenced; deployed blue/green by its CodeDeploy group, a 10% canary, rolled back on
 *   its 5xx alarm), its search domain and its first API host (room on every disk), its assets
 *   bucket (CORS for its shop) and, in us-east-1, its shop's CloudFront distribution (a rate-based
 *   rule blocks).
 * - payments, by its stack payments-prod (the Aurora cluster and instances, the Stripe key, the
 *   connections alarm, its function's log group, silent for hours and kept forever, the function and
 *   the settlement state machine, neither traced, its API's target group, one target failing, its
 *   public load balancer, without a web ACL, its API's ECS service: a container without a memory
 *   limit, a Stripe key in plain text, a failing deployment stopped but not rolled back; and its batch
 *   host, without the CloudWatch agent, so its disks are unseen; its receipts bucket, whose CORS lets
 *   any site upload) and by tag service=payments (www.example.com, whose renewal failed; the
 *   workers Auto Scaling group: no policy, one instance minimum in one zone, at its maximum, and
 *   its worker, found through the group's tag, room on its disk; in
 *   us-east-1, its checkout's CloudFront distribution, without a web ACL).
 * - nobody: the ledger and sessions databases, the ledger exports bucket (no CORS), the legacy
 *   downloads distribution (WAF Classic), legacy and admin certificates, the FTP secret, the
 *   plain-text password parameter, the muted latency alarm and two more, the legacy-batch ECS service
 *   without a circuit breaker. They block no service.
 */

export const PROD_ACCOUNT = '111122223333';
/** The id in the ARN of payments' workers Auto Scaling group. */
export const PAYMENTS_WORKERS_ID = '6f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f';
export const STAGING_ACCOUNT = '444455556666';
/** payments' batch host, in its stack, without the CloudWatch agent. */
export const PAYMENTS_BATCH_HOST = 'i-0b2c3d4e5f6a70001';
/** A worker of payments' Auto Scaling group, with the agent: tagged by the group, not by the team. */
export const PAYMENTS_WORKER_HOST = 'i-0b2c3d4e5f6a70002';

const at = 'eu-west-1:111122223333';
const orders = { service: 'orders-api', team: 'orders' };
const payments = { service: 'payments', team: 'payments' };

export const PROD_TAGS: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map<
  string,
  Record<string, string>
>([
  [`arn:aws:rds:${at}:db:orders-db`, orders],
  [`arn:aws:rds:${at}:db:orders-db-replica-1`, orders],
  [`arn:aws:acm:${at}:certificate/3f1c2a9e-7b4d-4e0a-9c51-0d2f6b8a1e11`, orders],
  [`arn:aws:secretsmanager:${at}:secret:prod/orders/db-Xk3p9Q`, orders],
  [`arn:aws:ssm:${at}:parameter/prod/orders/api-token`, orders],
  [`arn:aws:cloudwatch:${at}:alarm:orders-api-5xx-rate`, orders],
  [`arn:aws:cloudwatch:${at}:alarm:orders-api-cpu-high`, orders],
  [`arn:aws:cloudwatch:${at}:alarm:orders-service-health`, orders],
  [`arn:aws:logs:${at}:log-group:/ecs/orders-api`, orders],
  [`arn:aws:logs:${at}:log-group:/aws/lambda/orders-api-receipts`, orders],
  [`arn:aws:lambda:${at}:function:orders-api-receipts`, orders],
  [`arn:aws:states:${at}:stateMachine:orders-fulfilment`, orders],
  [`arn:aws:elasticloadbalancing:${at}:targetgroup/orders-api/6d0ecf831eec9f09`, orders],
  [`arn:aws:elasticloadbalancing:${at}:loadbalancer/app/orders-api-alb/6d0ecf831eec9f09`, orders],
  [`arn:aws:ecs:${at}:service/prod/orders-api`, orders],
  [`arn:aws:es:${at}:domain/orders-search`, orders],
  [`arn:aws:ec2:${at}:instance/i-0a1b2c3d4e5f60001`, orders],
  ['arn:aws:apigateway:eu-west-1::/restapis/o7d3r5r3st', orders],
  ['arn:aws:apigateway:eu-west-1::/apis/o7d3r5h77p', orders],
  ['arn:aws:s3:::orders-api-assets', orders],
  [`arn:aws:acm:${at}:certificate/8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22`, payments],
  [
    `arn:aws:autoscaling:${at}:autoScalingGroup:${PAYMENTS_WORKERS_ID}:autoScalingGroupName/payments-workers`,
    payments,
  ],
  // EC2 Auto Scaling tags what it launches with the group's name: payments' through its group.
  [`arn:aws:ec2:${at}:instance/${PAYMENTS_WORKER_HOST}`, { 'aws:autoscaling:groupName': 'payments-workers' }],
  // Tagged by a team, but not with a service: still nobody's service.
  [`arn:aws:rds:${at}:db:ledger-db`, { team: 'ledger' }],
]);

export const PROD_STACKS: Readonly<Record<string, readonly StackResource[]>> = {
  'payments-prod': [
    { logicalId: 'PaymentsCluster', type: 'AWS::RDS::DBCluster', physicalId: 'payments-aurora' },
    { logicalId: 'PaymentsWriter', type: 'AWS::RDS::DBInstance', physicalId: 'payments-aurora-instance-1' },
    { logicalId: 'PaymentsReader', type: 'AWS::RDS::DBInstance', physicalId: 'payments-aurora-instance-2' },
    {
      logicalId: 'StripeApiKey',
      type: 'AWS::SecretsManager::Secret',
      physicalId: `arn:aws:secretsmanager:${at}:secret:prod/payments/stripe-api-key-Lm8vR2`,
    },
    {
      logicalId: 'DbConnectionsAlarm',
      type: 'AWS::CloudWatch::Alarm',
      physicalId: 'payments-db-connections',
    },
    {
      logicalId: 'ApiTargetGroup',
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      physicalId: `arn:aws:elasticloadbalancing:${at}:targetgroup/payments-api/9e8f7a6b5c4d3e2f`,
    },
    {
      logicalId: 'ApiLoadBalancer',
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      physicalId: `arn:aws:elasticloadbalancing:${at}:loadbalancer/app/payments-api-alb/9e8f7a6b5c4d3e2f`,
    },
    {
      logicalId: 'SettlementStateMachine',
      type: 'AWS::StepFunctions::StateMachine',
      physicalId: `arn:aws:states:${at}:stateMachine:payments-settlement`,
    },
    {
      logicalId: 'PaymentsFunctionLogs',
      type: 'AWS::Logs::LogGroup',
      physicalId: '/aws/lambda/payments-prod-handler-1a2b3c',
    },
    {
      logicalId: 'PaymentsFunction',
      type: 'AWS::Lambda::Function',
      physicalId: 'payments-prod-handler-1a2b3c',
    },
    {
      logicalId: 'PaymentsApiService',
      type: 'AWS::ECS::Service',
      physicalId: `arn:aws:ecs:${at}:service/prod/payments-api`,
    },
    { logicalId: 'PaymentsRestApi', type: 'AWS::ApiGateway::RestApi', physicalId: 'p4ym3n75r3' },
    { logicalId: 'CheckoutHttpApi', type: 'AWS::ApiGatewayV2::Api', physicalId: 'p4ym3n75h7' },
    { logicalId: 'BatchHost', type: 'AWS::EC2::Instance', physicalId: PAYMENTS_BATCH_HOST },
    { logicalId: 'ReceiptsBucket', type: 'AWS::S3::Bucket', physicalId: 'payments-prod-receipts-7f3e2d' },
  ],
};
