import type { AccountPorts } from '../core/checks/types';
import { sampleAlarmsPorts } from './alarms';
import { sampleBackupsPorts } from './backups';
import { sampleCorsPorts } from './cors';
import { blockingWebAcl, sampleLoadBalancingPorts, sampleWafPorts } from './load-balancing';
import { sampleObservabilityPorts } from './observability';
import { PAYMENTS_WORKERS_ID, PROD_ACCOUNT, PROD_STACKS, PROD_TAGS } from './ownership';
import { sampleScalingPorts } from './scaling';
import { sampleScopePorts } from './scope';
import { sampleSecretsPorts } from './secrets';
import { gib, sampleStoragePorts } from './storage';
import { sampleTlsPorts } from './tls';
import { sampleTracingPorts } from './tracing';

/**
 * The sample organization's main account in eu-west-1: a small, realistic estate with healthy and
 * broken resources (and one API that denies access), some owned by services (tags, a stack) and
 * some owned by nobody, served through the same ports as AWS. Dates are relative to `now`, so the
 * sample tells the same story on any day.
 */
export function createSampleAccount(now: Date): AccountPorts {
  return {
    backups: sampleBackupsPorts(now),
    tls: sampleTlsPorts(now),
    secrets: sampleSecretsPorts(now),
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
        { name: 'orders-api-receipts', traced: true },
        // payments' handler (its stack's function) was deployed without active tracing.
        { name: 'payments-prod-handler-1a2b3c', traced: false },
        { name: 'legacy-cron', traced: false },
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
    cors: sampleCorsPorts({
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
    }),
    waf: sampleWafPorts({
      'orders-api-alb': blockingWebAcl('eu-west-1', PROD_ACCOUNT, 'orders-api-edge', 2000),
    }),
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
    // local storage in days; nobody's ledger database is 95% full.
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
        ],
      },
      now,
    ),
    scope: sampleScopePorts(
      { partition: 'aws', accountId: PROD_ACCOUNT, region: 'eu-west-1' },
      PROD_TAGS,
      PROD_STACKS,
    ),
  };
}
