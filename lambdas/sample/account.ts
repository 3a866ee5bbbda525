import type { AccountPorts } from '../core/checks/types';
import { sampleAlarmsPorts } from './alarms';
import {
  ORDERS_HTTP_API,
  ORDERS_REST_API,
  PAYMENTS_HTTP_API,
  PAYMENTS_REST_API,
  sampleHttpApiPorts,
  sampleRestApiPorts,
} from './api-gateway';
import { sampleBackupsPorts } from './backups';
import { sampleCorsPorts } from './cors';
import { ORDERS_GROUP, ORDERS_SERVICE, sampleDeploysPorts } from './deploys';
import { PROD_CLOUDFRONT } from './distributions';
import { PROD_EU_WEST_1_REGISTRY, sampleImagesPorts } from './images';
import { blockingWebAcl, sampleLoadBalancingPorts, sampleWafPorts } from './load-balancing';
import { sampleNetworkPorts } from './network';
import { sampleObservabilityPorts } from './observability';
import {
  PAYMENTS_BATCH_HOST,
  PAYMENTS_WORKER_HOST,
  PAYMENTS_WORKERS_ID,
  PROD_ACCOUNT,
  PROD_STACKS,
  PROD_TAGS,
} from './ownership';
import { sampleScalingPorts } from './scaling';
import { sampleScopePorts } from './scope';
import { sampleSecretsPorts } from './secrets';
import { gib, sampleStoragePorts } from './storage';
import { sampleTlsPorts } from './tls';
import { sampleTracingPorts } from './tracing';
import { container, resourceCount, sampleWorkloadsPorts } from './workloads';

/**
 * The sample organization's main account in eu-west-1: a small, realistic estate with healthy and
 * broken resources (and one API that denies access), some owned by services (tags, a stack) and
 * some owned by nobody, served through the same ports as AWS. Dates are relative to `now`, so the
 * sample tells the same story on any day.
 */
export function createSampleAccount(now: Date): AccountPorts {
  const secrets = sampleSecretsPorts(now);
  const at = `eu-west-1:${PROD_ACCOUNT}`;
  return {
    backups: sampleBackupsPorts(now),
    tls: sampleTlsPorts(now),
    secrets,
    alarms: sampleAlarmsPorts(now),
    observability: sampleObservabilityPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      [
        { name: '/ecs/orders-api', retentionInDays: 30, lastEventMinutesAgo: 1 },
        { name: '/aws/lambda/orders-api-receipts', retentionInDays: 14, lastEventMinutesAgo: 6 },
        // payments' handler stopped logging hours ago, and its group keeps everything forever.
        { name: '/aws/lambda/payments-prod-handler-1a2b3c', lastEventMinutesAgo: 5 * 60 },
        { name: '/aws/lambda/legacy-cron' },
        { name: '/aws/vpc/flow-logs', lastEventMinutesAgo: 2 },
      ],
      [
        {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          dimensions: { LoadBalancer: 'app/orders-api/50dc6c495c0c9188' },
        },
      ],
      now,
    ),
    tracing: sampleTracingPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      [
        {
          name: 'orders-api-receipts',
          traced: true,
          timeoutSeconds: 10,
          memoryMb: 512,
          environment: {
            LOG_LEVEL: 'info',
            RECEIPTS_BUCKET: 'orders-receipts-prod',
            DB_SECRET_ARN: `arn:aws:secretsmanager:${at}:secret:prod/orders/db-Xk3p9Q`,
          },
          kmsKeyArn: `arn:aws:kms:${at}:key/5f0c2a8e-3b1d-4c6e-9a7f-2d8e1b4c6a90`,
        },
        // payments' handler (its stack's function) was deployed without active tracing, at Lambda's
        // default timeout and memory, with a database password and an access key in plain text.
        {
          name: 'payments-prod-handler-1a2b3c',
          traced: false,
          timeoutSeconds: 3,
          memoryMb: 128,
          environment: {
            DB_HOST: 'payments-aurora.cluster-c9akciq32.eu-west-1.rds.amazonaws.com',
            DB_PASSWORD: 'Tr0ub4dor&3-payments',
            LEGACY_S3_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          },
        },
        {
          name: 'legacy-cron',
          traced: false,
          timeoutSeconds: 900,
          memoryMb: 128,
          environment: { FTP_PASSWORD: 'letmein-2019' },
        },
      ],
      [
        { name: 'orders-fulfilment', traced: true },
        { name: 'payments-settlement', traced: false },
      ],
    ),
    loadBalancing: sampleLoadBalancingPorts({ region: 'eu-west-1', accountId: PROD_ACCOUNT }, [
      {
        name: 'orders-api',
        id: '6d0ecf831eec9f09',
        path: '/health',
        intervalSeconds: 15,
        targets: [
          ['i-0a1b2c3d4e5f60001:8080', 'healthy'],
          ['i-0a1b2c3d4e5f60002:8080', 'healthy'],
          ['i-0a1b2c3d4e5f60003:8080', 'healthy'],
        ],
      },
      // payments' API: a slow check of `/`, and one of its two tasks failing it now.
      {
        name: 'payments-api',
        id: '9e8f7a6b5c4d3e2f',
        intervalSeconds: 60,
        unhealthyThreshold: 5,
        targets: [
          ['10.0.12.41:8443', 'healthy'],
          ['10.0.14.77:8443', 'unhealthy', 'Target.ResponseCodeMismatch'],
        ],
      },
      { name: 'legacy-web', id: '1a2b3c4d5e6f7a8b', healthCheckEnabled: false, used: false, targets: [] },
      {
        name: 'internal-tools',
        id: '2b3c4d5e6f7a8b9c',
        path: '/health',
        scheme: 'internal',
        targets: [['i-0c1d2e3f4a5b60001:80', 'healthy']],
      },
    ]),
    // orders-api's public load balancer blocks a client over 2,000 requests in 5 minutes; payments'
    // has no web ACL at all.
    // orders-api's receipts URL names its one origin; payments' handler allows any origin with credentials.
    // orders-api's assets bucket lets its shop read; payments' receipts bucket lets any site upload;
    // nobody's export bucket has no CORS configuration.
    cors: sampleCorsPorts(
      {
        'orders-api-receipts': {
          url: 'https://r4nd0m1d.lambda-url.eu-west-1.on.aws/',
          authType: 'AWS_IAM',
          allowOrigins: ['https://shop.example.com'],
          allowCredentials: true,
        },
        'payments-prod-handler-1a2b3c': {
          url: 'https://p4ym3nt5.lambda-url.eu-west-1.on.aws/',
          authType: 'NONE',
          allowOrigins: ['*'],
          allowCredentials: true,
        },
      },
      {
        'orders-api-assets': [
          { allowedOrigins: ['https://shop.example.com'], allowedMethods: ['GET', 'HEAD'] },
        ],
        'payments-prod-receipts-7f3e2d': [{ allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'] }],
        'ledger-exports': null,
      },
    ),
    // CloudFront is global: the same distributions in every region (judged by the us-east-1 audit).
    waf: sampleWafPorts(
      {
        'orders-api-alb': blockingWebAcl('eu-west-1', PROD_ACCOUNT, 'orders-api-edge', 2000),
        // By API id: orders-api's REST stage shares the load balancer's web ACL.
        [ORDERS_REST_API]: blockingWebAcl('eu-west-1', PROD_ACCOUNT, 'orders-api-edge', 2000),
      },
      PROD_CLOUDFRONT,
    ),
    // orders-api's ECS service scales on CPU from 2 to 10 tasks; payments' workers group has no policy,
    // one instance minimum in one zone, and runs at its maximum; its Aurora cluster scales its readers.
    scaling: sampleScalingPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      {
        targets: [
          {
            namespace: 'ecs',
            resourceId: 'service/prod/orders-api',
            dimension: 'ecs:service:DesiredCount',
            minCapacity: 2,
            maxCapacity: 10,
            policies: ['orders-api-cpu-60'],
          },
          {
            namespace: 'rds',
            resourceId: 'cluster:payments-aurora',
            dimension: 'rds:cluster:ReadReplicaCount',
            minCapacity: 1,
            maxCapacity: 4,
            policies: ['payments-readers-cpu-70'],
          },
          // Nobody's: a table that scales nothing.
          {
            namespace: 'dynamodb',
            resourceId: 'table/sessions',
            dimension: 'dynamodb:table:ReadCapacityUnits',
            minCapacity: 5,
            maxCapacity: 5,
            policies: [],
          },
        ],
        groups: [
          {
            name: 'payments-workers',
            id: PAYMENTS_WORKERS_ID,
            minSize: 1,
            maxSize: 4,
            desiredCapacity: 4,
            availabilityZones: ['eu-west-1a'],
            policies: [],
          },
        ],
      },
    ),
    // orders-api's databases, search domain and API host have room; payments' Aurora writer fills its
    // local storage in days and its batch host publishes no disk metrics; nobody's ledger database is
    // 95% full.
    storage: sampleStoragePorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      {
        dbs: [
          {
            identifier: 'orders-db',
            engine: 'postgres',
            allocatedGiB: 200,
            maxAllocatedGiB: 500,
            free: gib(120, -0.5),
          },
          { identifier: 'orders-db-replica-1', engine: 'postgres', allocatedGiB: 200, free: gib(118, -0.5) },
          {
            identifier: 'payments-aurora-instance-1',
            engine: 'aurora-postgresql',
            cluster: 'payments-aurora',
            free: gib(14, -4),
          },
          {
            identifier: 'payments-aurora-instance-2',
            engine: 'aurora-postgresql',
            cluster: 'payments-aurora',
            free: gib(60),
          },
          { identifier: 'ledger-db', engine: 'mysql', allocatedGiB: 100, free: gib(5, -0.2) },
        ],
        domains: [{ name: 'orders-search', freeMiB: { now: 80 * 1024, perDay: -200 } }],
        hosts: [
          { id: 'i-0a1b2c3d4e5f60001', name: 'orders-api-1', disks: { '/': { now: 41, perDay: 0.3 } } },
          { id: 'i-0c1d2e3f4a5b60001', name: 'internal-tools', disks: { '/': { now: 97, perDay: 1 } } },
          // payments' batch host runs without the CloudWatch agent: its disks cannot be seen.
          { id: PAYMENTS_BATCH_HOST, name: 'payments-batch' },
          // payments' worker, launched by its Auto Scaling group, has room.
          { id: PAYMENTS_WORKER_HOST, name: 'payments-worker', disks: { '/': { now: 52, perDay: 0.1 } } },
        ],
      },
      now,
    ),
    // orders-api runs on Fargate with its limits set and its secrets referenced; payments' API runs on
    // EC2 with a container without a memory limit, a Stripe key in plain text and a reference to a
    // secret that does not exist; a legacy worker nobody owns sets no limits at all.
    workloads: sampleWorkloadsPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      [
        {
          cluster: 'prod',
          name: 'orders-api',
          taskDefinition: {
            name: 'orders-api:42',
            requiresCompatibilities: ['FARGATE'],
            cpu: '512',
            memory: '1024',
            containers: [
              container('api', {
                environment: [
                  { name: 'LOG_LEVEL', value: 'info' },
                  { name: 'ORDERS_TABLE', value: 'orders' },
                ],
                secrets: [
                  {
                    name: 'DB_PASSWORD',
                    valueFrom: `arn:aws:secretsmanager:${at}:secret:prod/orders/db-Xk3p9Q`,
                  },
                  { name: 'API_TOKEN', valueFrom: `arn:aws:ssm:${at}:parameter/prod/orders/api-token` },
                ],
              }),
            ],
          },
        },
        {
          cluster: 'prod',
          name: 'payments-api',
          taskDefinition: {
            name: 'payments-api:7',
            requiresCompatibilities: ['EC2'],
            containers: [
              container('api', {
                cpu: 256,
                environment: [
                  { name: 'PORT', value: '8443' },
                  { name: 'STRIPE_SECRET_KEY', value: 'sk_live_51HxQmZ2eZvKYlo2C8f3kT9wq' },
                ],
                secrets: [
                  {
                    name: 'STRIPE_API_KEY',
                    valueFrom: `arn:aws:secretsmanager:${at}:secret:prod/payments/stripe-api-key-Lm8vR2`,
                  },
                  {
                    name: 'WEBHOOK_SIGNING_KEY',
                    valueFrom: `arn:aws:secretsmanager:${at}:secret:prod/payments/webhook-signing-key-Qz81Lm`,
                  },
                ],
              }),
              container('envoy', { cpu: 128, memory: 256 }),
            ],
          },
        },
        {
          cluster: 'legacy',
          name: 'legacy-worker',
          taskDefinition: {
            name: 'legacy-worker:3',
            requiresCompatibilities: [],
            containers: [container('worker')],
          },
        },
      ],
      [
        {
          serviceCode: 'lambda',
          quotaCode: 'L-B99A9384',
          quotaName: 'Concurrent executions',
          value: 1000,
          metric: {
            namespace: 'AWS/Lambda',
            metricName: 'ConcurrentExecutions',
            dimensions: {},
            statistic: 'Maximum',
          },
          peak: 412,
        },
        {
          serviceCode: 'fargate',
          quotaCode: 'L-3032A538',
          quotaName: 'Fargate On-Demand vCPU resource count',
          value: 400,
          metric: resourceCount('Fargate', 'vCPU'),
          peak: 250,
        },
      ],
      secrets,
    ),
    // orders-api's release image is clean in an immutable repository; payments' has a critical CVE.
    images: sampleImagesPorts(PROD_EU_WEST_1_REGISTRY, now),
    deploys: sampleDeploysPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      {
        groups: [
          ORDERS_GROUP,
          // payments' workers: deployed in place, every instance at once, no alarm stops them.
          {
            applicationName: 'payments',
            deploymentGroupName: 'payments-workers',
            computePlatform: 'Server',
            deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
            deploymentType: 'IN_PLACE',
            autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
            alarms: { enabled: false, ignorePollAlarmFailure: false, names: [] },
            ecsServices: [],
          },
        ],
        ecsServices: [
          ORDERS_SERVICE,
          // payments' API stops a failing deployment but stays on it; no alarm rolls it back.
          {
            name: 'payments-api',
            deploymentController: 'ECS',
            circuitBreaker: { enable: true, rollback: false },
          },
          { name: 'legacy-batch', deploymentController: 'ECS' },
        ],
        // payments' handler is served through its alias from $LATEST: nothing to roll back to.
        functions: {
          'orders-api-receipts': undefined,
          'payments-prod-handler-1a2b3c': { name: 'live', functionVersion: '$LATEST', additionalWeights: {} },
          'legacy-cron': undefined,
        },
        runs: [
          { document: 'orders-api-rollback', status: 'Success', daysAgo: 12 },
          {
            document: 'orders-api-rollback',
            status: 'Failed',
            daysAgo: 40,
            failureMessage: 'Step Rollback timed out',
          },
          {
            document: 'payments-rollback',
            status: 'Failed',
            daysAgo: 3,
            failureMessage:
              'Step RestoreTaskDefinition failed: the task definition payments-api:41 is INACTIVE',
          },
          { document: 'payments-rollback', status: 'Success', daysAgo: 120 },
        ],
      },
      now,
    ),
    // orders-api's load balancer is open on 80 and 443 alone, its function reachable only from it, in
    // a VPC that logs all traffic. payments' load balancer also opens SSH to the internet, its function
    // takes 8443 from anywhere, and its VPC keeps no flow logs. A legacy bastion nobody owns opens SSH.
    network: sampleNetworkPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      {
        interfaces: [
          ...['0a', '0b'].map((n) => ({
            id: `eni-0${n}1b2c3d4e5f60001`,
            vpc: 'vpc-0orders1a2b3c4d5',
            description: 'ELB app/orders-api-alb/6d0ecf831eec9f09',
            groups: ['sg-0a1b2c3d4e5f60001'],
            publicIp: true,
          })),
          {
            id: 'eni-0a1b2c3d4e5f60011',
            vpc: 'vpc-0orders1a2b3c4d5',
            description: 'AWS Lambda VPC ENI-orders-api-receipts-2b7f5e7a-41b3-4e66-8e74-1c9e3d5ff9b6',
            groups: ['sg-0a1b2c3d4e5f60002'],
          },
          {
            id: 'eni-0c1d2e3f4a5b60001',
            vpc: 'vpc-0paymnts9e8f7a6b',
            description: 'ELB app/payments-api-alb/9e8f7a6b5c4d3e2f',
            groups: ['sg-0c1d2e3f4a5b60001'],
            publicIp: true,
          },
          {
            id: 'eni-0c1d2e3f4a5b60011',
            vpc: 'vpc-0paymnts9e8f7a6b',
            description:
              'AWS Lambda VPC ENI-payments-prod-handler-1a2b3c-6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
            groups: ['sg-0c1d2e3f4a5b60002'],
          },
          {
            id: 'eni-0e1f2a3b4c5d60001',
            vpc: 'vpc-0legacy5d6e7f8a9',
            description: 'Primary network interface',
            groups: ['sg-0e1f2a3b4c5d60001'],
            publicIp: true,
          },
        ],
        groups: {
          'sg-0a1b2c3d4e5f60001': [
            ['tcp', 443, 443, '0.0.0.0/0'],
            ['tcp', 443, 443, '::/0'],
            ['tcp', 80, 80, '0.0.0.0/0'],
          ],
          'sg-0a1b2c3d4e5f60002': [['tcp', 8080, 8080, '10.0.0.0/16']],
          'sg-0c1d2e3f4a5b60001': [
            ['tcp', 443, 443, '0.0.0.0/0'],
            ['tcp', 22, 22, '0.0.0.0/0'],
          ],
          'sg-0c1d2e3f4a5b60002': [['tcp', 8443, 8443, '0.0.0.0/0']],
          'sg-0e1f2a3b4c5d60001': [['tcp', 22, 22, '0.0.0.0/0']],
        },
        flowLogs: { 'vpc-0orders1a2b3c4d5': [['ACTIVE', 'ALL']] },
      },
    ),
    scope: sampleScopePorts(
      { partition: 'aws', accountId: PROD_ACCOUNT, region: 'eu-west-1' },
      PROD_TAGS,
      PROD_STACKS,
    ),
    // orders-api's REST API traces, throttles every method and blocks a client over its rate; its
    // HTTP API names its one https origin and throttles every route. payments' REST API neither traces
    // nor throttles and has no web ACL; its checkout HTTP API allows any origin with credentials and
    // sets no throttle. A private partner API nobody owns is throttled by its usage plan alone.
    restApis: sampleRestApiPorts(
      { region: 'eu-west-1', accountId: PROD_ACCOUNT },
      [
        {
          id: ORDERS_REST_API,
          name: 'orders-api',
          endpointType: 'REGIONAL',
          stage: 'prod',
          traced: true,
          throttle: { rateLimit: 500, burstLimit: 1000 },
          webAcl: 'orders-api-edge',
        },
        {
          id: PAYMENTS_REST_API,
          name: 'payments-api',
          endpointType: 'REGIONAL',
          stage: 'prod',
          traced: false,
        },
        { id: 'l3g4cyp4r7', name: 'partner-api', endpointType: 'PRIVATE', stage: 'v1', traced: false },
      ],
      [
        {
          id: 'pl4n01',
          name: 'partners',
          throttle: { rateLimit: 50, burstLimit: 100 },
          stages: [{ apiId: 'l3g4cyp4r7', stage: 'v1' }],
        },
      ],
    ),
    httpApis: sampleHttpApiPorts('eu-west-1', [
      {
        id: ORDERS_HTTP_API,
        name: 'orders-webhooks',
        stage: '$default',
        cors: { allowOrigins: ['https://shop.example.com'], allowCredentials: true, allowMethods: ['POST'] },
        throttle: { rateLimit: 100, burstLimit: 200 },
      },
      {
        id: PAYMENTS_HTTP_API,
        name: 'payments-checkout',
        stage: '$default',
        cors: { allowOrigins: ['*'], allowCredentials: true, allowMethods: ['GET', 'POST'] },
      },
    ]),
  };
}
