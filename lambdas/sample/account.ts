import type { AccountPorts } from '../core/checks/types';
import { sampleAlarmsPorts } from './alarms';
import { sampleBackupsPorts } from './backups';
import { sampleCorsPorts } from './cors';
import { blockingWebAcl, sampleLoadBalancingPorts, sampleWafPorts } from './load-balancing';
import { sampleNetworkPorts } from './network';
import { sampleObservabilityPorts } from './observability';
import { PROD_ACCOUNT, PROD_STACKS, PROD_TAGS } from './ownership';
import { sampleScopePorts } from './scope';
import { sampleSecretsPorts } from './secrets';
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
  };
}
