import type { Alarm } from '../core/checks/alarms/ports';
import type { BackupsPorts, DatabaseResource } from '../core/checks/backups/ports';
import type { SecretsPorts } from '../core/checks/secrets/ports';
import type { AcmCertificate } from '../core/checks/tls/ports';
import type { AccountPorts } from '../core/checks/types';
import { AwsCallError } from '../core/errors';
import { sampleHttpApiPorts, sampleRestApiPorts } from './api-gateway';
import { sampleCorsPorts } from './cors';
import { ORDERS_GROUP, ORDERS_SERVICE, type SampleDeploys, sampleDeploysPorts } from './deploys';
import { NO_CLOUDFRONT, ORDERS_DISTRIBUTION, PAYMENTS_DISTRIBUTION, PROD_CLOUDFRONT } from './distributions';
import { emptyRegistry, sampleImagesPorts } from './images';
import {
  blockingWebAcl,
  type SampleTargetGroup,
  sampleLoadBalancingPorts,
  sampleWafPorts,
} from './load-balancing';
import { healthyNetwork, sampleNetworkPorts } from './network';
import { type SampleLogGroup, type SampleMetric, sampleObservabilityPorts } from './observability';
import { PROD_ACCOUNT, STAGING_ACCOUNT } from './ownership';
import { type SampleScaling, sampleScalingPorts } from './scaling';
import { sampleScopePorts } from './scope';
import { sampleSecretsPorts } from './secrets';
import { type SampleStorage, sampleStoragePorts } from './storage';
import { sampleTlsPorts } from './tls';
import { type SampleTraced, sampleTracingPorts } from './tracing';
import { sampleWorkloadsPorts } from './workloads';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What makes one small sample estate: a few tables, certificates and alarms, and their owners. */
interface Estate {
  readonly account: string;
  readonly region: string;
  readonly tables: ReadonlyArray<{
    name: string;
    pitr: boolean;
    protectedHoursAgo?: number;
    restoredDaysAgo?: number;
  }>;
  readonly certificates: ReadonlyArray<{ id: string; domain: string; days: number; imported?: boolean }>;
  readonly alarms: readonly string[];
  readonly secrets: SecretsPorts;
  readonly logGroups: readonly SampleLogGroup[];
  readonly metrics: readonly SampleMetric[];
  readonly functions: readonly SampleTraced[];
  readonly targetGroups: readonly SampleTargetGroup[];
  readonly tags: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly scaling: SampleScaling;
  readonly storage: SampleStorage;
  /** Deployment groups, ECS services, aliases and rollback runs. @default none */
  readonly deploys?: SampleDeploys;
}

function estatePorts(estate: Estate, now: Date): AccountPorts {
  const at = now.getTime();
  const where = `${estate.region}:${estate.account}`;
  const tableArn = (name: string) => `arn:aws:dynamodb:${where}:table/${name}`;
  const tables: DatabaseResource[] = estate.tables.map((t) => ({
    kind: 'dynamodb-table',
    arn: tableArn(t.name),
    name: t.name,
    engine: 'dynamodb',
    native: t.pitr
      ? {
          kind: 'pitr',
          enabled: true,
          recoveryPeriodDays: 35,
          latestRestorableTime: new Date(at - 5 * 60_000),
        }
      : { kind: 'pitr', enabled: false },
  }));
  const backed = estate.tables.filter((t) => t.protectedHoursAgo !== undefined);
  const backups: BackupsPorts = {
    listRdsInstances: async () => [],
    listRdsClusters: async () => [],
    listDynamoDbTables: async (include = () => true) => tables.filter(include),
    listProtectedResources: async () =>
      backed.map((t) => ({
        resourceArn: tableArn(t.name),
        resourceType: 'DynamoDB',
        lastBackupTime: new Date(at - (t.protectedHoursAgo ?? 0) * HOUR),
      })),
    listBackupJobs: async () =>
      backed.map((t) => ({
        jobId: `job-${t.name}`,
        resourceArn: tableArn(t.name),
        state: 'COMPLETED',
        createdAt: new Date(at - (t.protectedHoursAgo ?? 0) * HOUR - 10 * 60_000),
        completedAt: new Date(at - (t.protectedHoursAgo ?? 0) * HOUR),
      })),
    listRestoreJobs: async () =>
      estate.tables.flatMap((t) =>
        t.restoredDaysAgo === undefined
          ? []
          : [
              {
                jobId: `restore-${t.name}`,
                sourceResourceArn: tableArn(t.name),
                status: 'COMPLETED',
                createdAt: new Date(at - t.restoredDaysAgo * DAY - HOUR),
                completedAt: new Date(at - t.restoredDaysAgo * DAY),
                validationStatus: 'SUCCESSFUL',
                restoreTestingPlanArn: `arn:aws:backup:${where}:restore-testing-plan:weekly`,
              },
            ],
      ),
  };
  const certificates: AcmCertificate[] = estate.certificates.map((c) => ({
    arn: `arn:aws:acm:${where}:certificate/${c.id}`,
    domainName: c.domain,
    type: c.imported ? 'IMPORTED' : 'AMAZON_ISSUED',
    status: 'ISSUED',
    inUse: true,
    keyAlgorithm: 'RSA_2048',
    renewalEligibility: c.imported ? 'INELIGIBLE' : 'ELIGIBLE',
    exported: false,
    notBefore: new Date(at - 300 * DAY),
    notAfter: new Date(at + c.days * DAY),
  }));
  const topic = `arn:aws:sns:${where}:ops-alerts`;
  const alarms: Alarm[] = estate.alarms.map((name) => ({
    kind: 'metric',
    name,
    arn: `arn:aws:cloudwatch:${where}:alarm:${name}`,
    actionsEnabled: true,
    alarmActions: [topic],
    state: 'OK',
    stateTransitionedAt: new Date(at - 4 * DAY),
    stateUpdatedAt: new Date(at - 4 * DAY),
    treatMissingData: 'breaching',
    metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' }],
  }));
  const tls = sampleTlsPorts(now);
  return {
    backups,
    tls: {
      listCertificates: async () => certificates,
      getRenewal: async () => ({ status: null, reason: null, updatedAt: null }),
      probeEndpoint: tls.probeEndpoint,
    },
    secrets: estate.secrets,
    alarms: {
      listAlarms: async () => alarms,
      topicSubscriptions: async (arn) =>
        arn === topic ? { exists: true, confirmed: 1, pending: 0, kmsMasterKeyId: null } : { exists: false },
    },
    observability: sampleObservabilityPorts(
      { region: estate.region, accountId: estate.account },
      estate.logGroups,
      estate.metrics,
      now,
    ),
    loadBalancing: sampleLoadBalancingPorts(
      { region: estate.region, accountId: estate.account },
      estate.targetGroups,
    ),
    // No function of these estates has a URL.
    cors: sampleCorsPorts({}),
    // Every public load balancer of these estates blocks over 1,000 requests in 5 minutes. CloudFront
    // is global: the main account's distributions are the same in every region.
    waf: sampleWafPorts(
      Object.fromEntries(
        estate.targetGroups.map((g) => [
          `${g.name}-alb`,
          blockingWebAcl(estate.region, estate.account, `${g.name}-edge`, 1000),
        ]),
      ),
      estate.account === PROD_ACCOUNT ? PROD_CLOUDFRONT : NO_CLOUDFRONT,
      estate.region,
    ),
    tracing: sampleTracingPorts({ region: estate.region, accountId: estate.account }, estate.functions, []),
    // No API Gateway API in these estates.
    restApis: sampleRestApiPorts({ region: estate.region, accountId: estate.account }, []),
    httpApis: sampleHttpApiPorts(estate.region, []),
    scaling: sampleScalingPorts({ region: estate.region, accountId: estate.account }, estate.scaling),
    storage: sampleStoragePorts({ region: estate.region, accountId: estate.account }, estate.storage, now),
    // No ECS service runs in these estates, and no quota has usage recorded.
    workloads: sampleWorkloadsPorts(
      { region: estate.region, accountId: estate.account },
      [],
      [],
      estate.secrets,
    ),
    // No image of these estates is released: their registries are empty.
    images: sampleImagesPorts(emptyRegistry(estate.region, estate.account), now),
    deploys: sampleDeploysPorts(
      { region: estate.region, accountId: estate.account },
      estate.deploys ?? {},
      now,
    ),
    // Every public load balancer of these estates is open on 443 alone, in a VPC logging all traffic.
    network: sampleNetworkPorts(
      { region: estate.region, accountId: estate.account },
      healthyNetwork(
        estate.targetGroups.filter((g) => g.used !== false),
        `vpc-0${estate.account.slice(0, 4)}${estate.region.replace(/-/g, '').slice(0, 8)}`,
      ),
    ),
    scope: sampleScopePorts(
      { partition: 'aws', accountId: estate.account, region: estate.region },
      new Map(Object.entries(estate.tags)),
      {},
    ),
  };
}

/**
 * The main account in us-east-1: orders-api's carts table, its edge certificate and alarm (healthy);
 * an unowned table without backups and an unowned imported certificate about to expire; the tags of
 * the account's CloudFront distributions (orders-api's shop, payments' checkout).
 */
export function sampleProdUsEast1(now: Date): AccountPorts {
  const where = `us-east-1:${PROD_ACCOUNT}`;
  const orders = { service: 'orders-api' };
  const prod = sampleSecretsPorts(now);
  return estatePorts(
    {
      account: PROD_ACCOUNT,
      region: 'us-east-1',
      tables: [
        { name: 'orders-carts', pitr: true, protectedHoursAgo: 5, restoredDaysAgo: 6 },
        { name: 'legacy-sessions', pitr: false },
      ],
      certificates: [
        { id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e77', domain: 'api.example.com', days: 80 },
        { id: '7e6d5c4b-3a2f-4e1d-9c0b-8a7f6e5d4c88', domain: 'promo.example.com', days: 3, imported: true },
      ],
      alarms: ['orders-api-5xx-rate', 'promo-5xx'],
      // IAM is global: the same users as in eu-west-1. No secrets or parameters in this region.
      secrets: { ...prod, listSecrets: async () => [], listParameters: async () => [] },
      logGroups: [{ name: '/ecs/orders-api', retentionInDays: 30, lastEventMinutesAgo: 2 }],
      functions: [{ name: 'orders-api-edge-auth', traced: true }],
      targetGroups: [
        {
          name: 'orders-api-us',
          id: '3c4d5e6f7a8b9c0d',
          path: '/health',
          intervalSeconds: 10,
          targets: [['i-0f1e2d3c4b5a60001:8080', 'healthy']],
        },
      ],
      metrics: [
        {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          dimensions: { LoadBalancer: 'app/orders-api/50dc6c495c0c9188' },
        },
      ],
      // orders-api's edge host has room on its disk.
      storage: {
        hosts: [
          { id: 'i-0f1e2d3c4b5a60001', name: 'orders-api-us-1', disks: { '/': { now: 35, perDay: 0.2 } } },
        ],
      },
      // orders-api's carts table scales its reads and writes.
      scaling: {
        targets: (['ReadCapacityUnits', 'WriteCapacityUnits'] as const).map((unit) => ({
          namespace: 'dynamodb' as const,
          resourceId: 'table/orders-carts',
          dimension: `dynamodb:table:${unit}`,
          minCapacity: 5,
          maxCapacity: 200,
          policies: [`orders-carts-${unit}-70`],
        })),
      },
      tags: {
        [`arn:aws:logs:${where}:log-group:/ecs/orders-api`]: orders,
        [`arn:aws:lambda:${where}:function:orders-api-edge-auth`]: orders,
        [`arn:aws:elasticloadbalancing:${where}:targetgroup/orders-api-us/3c4d5e6f7a8b9c0d`]: orders,
        [`arn:aws:elasticloadbalancing:${where}:loadbalancer/app/orders-api-us-alb/3c4d5e6f7a8b9c0d`]: orders,
        [`arn:aws:dynamodb:${where}:table/orders-carts`]: orders,
        [`arn:aws:ec2:${where}:instance/i-0f1e2d3c4b5a60001`]: orders,
        [`arn:aws:acm:${where}:certificate/0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e77`]: orders,
        [`arn:aws:cloudwatch:${where}:alarm:orders-api-5xx-rate`]: orders,
        [`arn:aws:ecs:${where}:service/prod/orders-api`]: orders,
        // CloudFront's tags are read in us-east-1: orders-api's shop and payments' checkout.
        [`arn:aws:cloudfront::${PROD_ACCOUNT}:distribution/${ORDERS_DISTRIBUTION}`]: orders,
        [`arn:aws:cloudfront::${PROD_ACCOUNT}:distribution/${PAYMENTS_DISTRIBUTION}`]: {
          service: 'payments',
        },
      },
      // orders-api deploys here as in eu-west-1, and its rollback was rehearsed here too.
      deploys: {
        groups: [ORDERS_GROUP],
        ecsServices: [ORDERS_SERVICE],
        runs: [{ document: 'orders-api-rollback', status: 'Success', daysAgo: 12 }],
      },
    },
    now,
  );
}

/**
 * The staging account in eu-west-1, reached through its role: catalog's table, certificate (listed
 * by ARN) and alarm, named in its configuration; an unowned scratch table; and a service control
 * policy that denies secretsmanager:ListSecrets, so catalog's secrets cannot be judged (ERROR).
 */
export function sampleStagingEuWest1(now: Date): AccountPorts {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  return estatePorts(
    {
      account: STAGING_ACCOUNT,
      region: 'eu-west-1',
      tables: [
        { name: 'catalog-items', pitr: true, protectedHoursAgo: 8, restoredDaysAgo: 3 },
        { name: 'tmp-import', pitr: false },
      ],
      certificates: [{ id: CATALOG_CERTIFICATE_ID, domain: 'catalog.staging.example.com', days: 70 }],
      alarms: ['catalog-errors'],
      secrets: {
        listSecrets: async () => {
          throw new AwsCallError(
            'secretsmanager:ListSecrets',
            'access-denied',
            'AccessDeniedException',
            `User: arn:aws:sts::${STAGING_ACCOUNT}:assumed-role/preflight-audit/preflight is not authorized to perform: secretsmanager:ListSecrets with an explicit deny in a service control policy`,
          );
        },
        listParameters: async () => [
          {
            name: '/staging/catalog/search-api-key',
            arn: `arn:aws:ssm:eu-west-1:${STAGING_ACCOUNT}:parameter/staging/catalog/search-api-key`,
            type: 'SecureString',
            keyId: `arn:aws:kms:eu-west-1:${STAGING_ACCOUNT}:key/0b7d5c3a-1e9f-4a2b-8c6d-4e2f0a8b6c10`,
            lastModifiedDate: ago(20),
          },
        ],
        describeKey: async (keyId) => ({ arn: keyId, keyState: 'Enabled', keyManager: 'CUSTOMER' }),
        listUsers: async () => [],
        listAccessKeys: async () => [],
        getAccessKeyLastUsed: async () => ({}),
        rootUser: async () => ({ userName: '<root_account>', arn: `arn:aws:iam::${STAGING_ACCOUNT}:root` }),
        countRootAccessKeys: async () => 0,
      },
      logGroups: [{ name: '/ecs/catalog-api', retentionInDays: 7, lastEventMinutesAgo: 4 }],
      functions: [{ name: 'catalog-indexer', traced: true }],
      targetGroups: [
        {
          name: 'catalog-api',
          id: '0d9c8b7a6f5e4d3c',
          path: '/ready',
          targets: [['10.1.2.3:8080', 'healthy']],
        },
      ],
      metrics: [],
      // catalog's indexer host has room, filling slowly.
      storage: {
        hosts: [
          { id: 'i-0d9c8b7a6f5e40001', name: 'catalog-indexer', disks: { '/': { now: 30, perDay: 0.5 } } },
        ],
      },
      // catalog's API runs one task at least: staging allows it (catalog lowers minCapacity to 1).
      scaling: {
        targets: [
          {
            namespace: 'ecs',
            resourceId: 'service/staging/catalog-api',
            dimension: 'ecs:service:DesiredCount',
            minCapacity: 1,
            maxCapacity: 4,
            policies: ['catalog-api-cpu-60'],
          },
        ],
      },
      tags: {},
    },
    now,
  );
}

export const CATALOG_CERTIFICATE_ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b99';
