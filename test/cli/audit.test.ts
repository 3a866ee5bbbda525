import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type CliRun, runCli } from '../support/cli';

/** Resources of the sample's main account that nobody owns, several of them broken. */
const UNOWNED = [
  'legacy.example.com',
  'vpn.example.com',
  ':db:ledger-db',
  'table/sessions',
  'table/audit-events',
  'prod/legacy/ftp',
  '/prod/orders/db-password',
  'orders-api-latency-p99',
  'ledger-queue-depth',
  'promo.example.com',
  'table/legacy-sessions',
  'table/tmp-import',
  'log-group:/aws/lambda/legacy-cron',
  'log-group:/aws/vpc/flow-logs',
  'function:legacy-cron',
  'targetgroup/legacy-web/',
  'table/sessions ReadCapacityUnits',
  'instance/i-0c1d2e3f4a5b60001',
  'service/legacy/legacy-worker',
  'task-definition/legacy-worker',
];

/** The sample's plain-text secrets: no output of Preflight may ever hold one. */
const SAMPLE_SECRET_VALUES = [
  'Tr0ub4dor&3-payments',
  'AKIAIOSFODNN7EXAMPLE',
  'sk_live_51HxQmZ2eZvKYlo2C8f3kT9wq',
  'letmein-2019',
  'service/prod/legacy-batch',
  'security-group/sg-0e1f2a3b4c5d60001',
  'vpc/vpc-0legacy5d6e7f8a9',
];

describe('preflight audit --sample: the sample organization', () => {
  let json: CliRun;
  let reports: AuditReport[];
  const of = (service: string) => reports.find((r) => r.target.service === service) as AuditReport;

  beforeAll(async () => {
    json = await runCli(['audit', '--sample', '--format', 'json']);
    reports = JSON.parse(json.stdout) as AuditReport[];
  });

  it('audits every service in every environment: two accounts, two regions', () => {
    expect(
      reports.map((r) => [r.target.service, r.target.environment, r.target.account, r.target.regions]),
    ).toEqual([
      ['orders-api', 'prod', '111122223333', ['eu-west-1', 'us-east-1']],
      ['payments', 'prod', '111122223333', ['eu-west-1', 'us-east-1']],
      ['catalog', 'staging', '444455556666', ['eu-west-1']],
    ]);
  });

  it('passes orders-api, whose own resources are healthy, though the account holds broken ones', () => {
    expect(of('orders-api').verdict).toBe('PASS');
    expect(of('orders-api').findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR')).toEqual([]);
  });

  it('fails payments on its own resources only, found by its stack and its tag', () => {
    const payments = of('payments');
    expect(payments.verdict).toBe('FAIL');
    const failing = payments.findings.filter((f) => f.status === 'FAIL').map((f) => f.resource);
    expect(failing).toContain('arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora');
    expect(failing).toContain(
      'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22',
    );
    const cluster = payments.scope?.resources.find((r) => r.arn.endsWith(':cluster:payments-aurora'));
    expect(cluster?.why).toEqual(['stack payments-prod (PaymentsCluster)']);
  });

  it("judges each service's log groups and key metrics: orders-api's stream, payments' went silent", () => {
    const of2 = (service: string, checkId: string) =>
      of(service)
        .findings.filter((f) => f.checkId === checkId)
        .map((f) => `${f.rule} ${f.status} ${f.resource}`);
    const logs = 'arn:aws:logs:eu-west-1:111122223333:log-group:';
    expect(of2('orders-api', 'log-delivery')).toEqual(
      expect.arrayContaining([
        `recent-events PASS ${logs}/ecs/orders-api`,
        `retention PASS ${logs}/ecs/orders-api`,
      ]),
    );
    expect(of2('orders-api', 'metrics-collection')).toContain(
      'datapoints PASS AWS/ApplicationELB/RequestCount{LoadBalancer=app/orders-api/50dc6c495c0c9188}',
    );
    // The handler's log group is the stack's; it stopped logging hours ago and keeps logs forever.
    const payments = of2('payments', 'log-delivery');
    expect(payments).toHaveLength(3);
    expect(payments).toEqual(
      expect.arrayContaining([
        `recent-events FAIL ${logs}/aws/lambda/payments-prod-handler-1a2b3c`,
        `retention WARN ${logs}/aws/lambda/payments-prod-handler-1a2b3c`,
        // us-east-1 holds no log group of payments: said, not passed.
        'scope WARN *',
      ]),
    );
    expect(of2('payments', 'metrics-collection')).toEqual([
      'datapoints FAIL Payments/PaymentsAuthorized',
      'datapoints FAIL Payments/PaymentsAuthorized',
    ]);
  });

  it("judges tracing on each service's functions, state machines and REST API stages, from its tags and its stack", () => {
    const tracing = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'tracing' && f.rule !== 'scope')
        .map((f) => `${f.status} ${f.resource}`)
        .sort();
    const at = 'eu-west-1:111122223333';
    expect(tracing('orders-api')).toEqual([
      'PASS arn:aws:apigateway:eu-west-1::/restapis/o7d3r5r3st/stages/prod',
      `PASS arn:aws:lambda:${at}:function:orders-api-receipts`,
      'PASS arn:aws:lambda:us-east-1:111122223333:function:orders-api-edge-auth',
      `PASS arn:aws:states:${at}:stateMachine:orders-fulfilment`,
    ]);
    expect(tracing('payments')).toEqual([
      'FAIL arn:aws:apigateway:eu-west-1::/restapis/p4ym3n75r3/stages/prod',
      `FAIL arn:aws:lambda:${at}:function:payments-prod-handler-1a2b3c`,
      `FAIL arn:aws:states:${at}:stateMachine:payments-settlement`,
    ]);
  });

  it("judges each service's target groups: orders-api's all healthy, payments' slow check and a failing task", () => {
    const lb = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'load-balancer-health-checks' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(':').at(-1)}`)
        .sort();
    expect(lb('orders-api')).toEqual([
      'health-check PASS targetgroup/orders-api-us/3c4d5e6f7a8b9c0d',
      'health-check PASS targetgroup/orders-api/6d0ecf831eec9f09',
      'target-health PASS targetgroup/orders-api-us/3c4d5e6f7a8b9c0d',
      'target-health PASS targetgroup/orders-api/6d0ecf831eec9f09',
    ]);
    expect(lb('payments')).toEqual([
      'health-check WARN targetgroup/payments-api/9e8f7a6b5c4d3e2f',
      'target-health FAIL targetgroup/payments-api/9e8f7a6b5c4d3e2f',
    ]);
  });

  it("judges rate limiting on each service's public load balancers, API stages and distributions: orders-api's block, payments' have no web ACL", () => {
    const rate = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'rate-limiting')
        .map(
          (f) =>
            `${f.status} ${f.resource.split(':').at(-1)}${f.region === undefined ? '' : ` @${f.region}`}`,
        )
        .sort();
    // CloudFront is global: each distribution is judged once, by the us-east-1 audit.
    expect(rate('orders-api')).toEqual([
      'PASS /apis/o7d3r5h77p/stages/$default @eu-west-1',
      'PASS /restapis/o7d3r5r3st/stages/prod @eu-west-1',
      'PASS /restapis/o7d3r5r3st/stages/prod @eu-west-1',
      'PASS distribution/E1A2B3C4D5E6F7 @us-east-1',
      'PASS loadbalancer/app/orders-api-alb/6d0ecf831eec9f09 @eu-west-1',
      'PASS loadbalancer/app/orders-api-us-alb/3c4d5e6f7a8b9c0d @us-east-1',
    ]);
    expect(rate('payments')).toEqual([
      'FAIL /apis/p4ym3n75h7/stages/$default @eu-west-1',
      'FAIL /restapis/p4ym3n75r3/stages/prod @eu-west-1',
      'FAIL /restapis/p4ym3n75r3/stages/prod @eu-west-1',
      'FAIL distribution/E7P8Q9R0S1T2U3 @us-east-1',
      'FAIL loadbalancer/app/payments-api-alb/9e8f7a6b5c4d3e2f @eu-west-1',
    ]);
    // Nobody's legacy distribution, behind WAF Classic, blocks no service.
    expect(JSON.stringify(of('orders-api').findings)).not.toContain('E0L1E2G3A4C5Y6');
  });

  it("judges rate limiting on each service's API stages: orders-api's throttle and block, payments' stack's do neither", () => {
    const stages = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'rate-limiting' && f.resource.includes(':apigateway:'))
        .map((f) => `${f.rule} ${f.status} ${f.resource.split('::').at(-1)}`)
        .sort();
    expect(stages('orders-api')).toEqual([
      'rate-based-rule PASS /restapis/o7d3r5r3st/stages/prod',
      'stage-throttling PASS /apis/o7d3r5h77p/stages/$default',
      'stage-throttling PASS /restapis/o7d3r5r3st/stages/prod',
    ]);
    expect(stages('payments')).toEqual([
      'rate-based-rule FAIL /restapis/p4ym3n75r3/stages/prod',
      'stage-throttling FAIL /apis/p4ym3n75h7/stages/$default',
      'stage-throttling FAIL /restapis/p4ym3n75r3/stages/prod',
    ]);
  });

  it("judges CORS on each service's function URLs, HTTP APIs and buckets: orders-api names its origins, payments allows * with credentials and any site's uploads", () => {
    const cors = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'cors-policies' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(':').at(-1)}`);
    expect(cors('orders-api')).toEqual([
      'function-url-cors PASS orders-api-receipts',
      'http-api-cors PASS /apis/o7d3r5h77p',
      'bucket-cors PASS orders-api-assets',
    ]);
    expect(cors('payments')).toEqual([
      'function-url-cors FAIL payments-prod-handler-1a2b3c',
      'http-api-cors FAIL /apis/p4ym3n75h7',
      'bucket-cors FAIL payments-prod-receipts-7f3e2d',
    ]);
    // The allowed origins are listed in the report; nobody's exports bucket blocks no service.
    const assets = of('orders-api').findings.find((f) => f.rule === 'bucket-cors');
    expect(assets?.evidence).toMatchObject({ allowOrigins: ['https://shop.example.com'] });
    expect(JSON.stringify(of('payments').findings)).not.toContain('ledger-exports');
  });

  it("judges each service's scaling: orders-api's service and tables scale, payments' workers cannot, catalog runs one task in staging", () => {
    const scaling = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'auto-scaling-policies' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split('/').at(-1)}`)
        .sort();
    expect(scaling('orders-api')).toEqual([
      'headroom PASS orders-api',
      'headroom PASS orders-carts ReadCapacityUnits',
      'headroom PASS orders-carts WriteCapacityUnits',
      'minimum-capacity PASS orders-api',
      'policies PASS orders-api',
      'policies PASS orders-carts ReadCapacityUnits',
      'policies PASS orders-carts WriteCapacityUnits',
    ]);
    // The Aurora cluster through its stack; the workers group through its tag.
    expect(scaling('payments')).toEqual([
      'headroom FAIL payments-workers',
      'headroom PASS cluster:payments-aurora',
      'minimum-capacity FAIL payments-workers',
      'minimum-capacity PASS cluster:payments-aurora',
      'policies FAIL payments-workers',
      'policies PASS cluster:payments-aurora',
    ]);
    // catalog lowers minCapacity to 1 for staging in its own checks settings.
    expect(scaling('catalog')).toEqual([
      'headroom PASS catalog-api',
      'minimum-capacity PASS catalog-api',
      'policies PASS catalog-api',
    ]);
  });

  it("judges each service's free storage and its trend: orders-api has room, payments' Aurora writer fills within days, its batch host's disks are unseen and its group's worker has room", () => {
    const disk = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'disk-space' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(':').slice(5).join(':')}`)
        .sort();
    expect(disk('orders-api')).toEqual([
      'free-space PASS db:orders-db',
      'free-space PASS db:orders-db-replica-1',
      'free-space PASS domain/orders-search',
      'free-space PASS instance/i-0a1b2c3d4e5f60001:/',
      'free-space PASS instance/i-0f1e2d3c4b5a60001:/',
      'trend PASS db:orders-db',
      'trend PASS db:orders-db-replica-1',
      'trend PASS domain/orders-search',
      'trend PASS instance/i-0a1b2c3d4e5f60001:/',
      'trend PASS instance/i-0f1e2d3c4b5a60001:/',
    ]);
    expect(disk('payments')).toEqual([
      'free-space PASS db:payments-aurora-instance-1',
      'free-space PASS db:payments-aurora-instance-2',
      'free-space PASS instance/i-0b2c3d4e5f6a70002:/',
      'host-agent WARN instance/i-0b2c3d4e5f6a70001',
      'trend FAIL db:payments-aurora-instance-1',
      'trend PASS db:payments-aurora-instance-2',
      'trend PASS instance/i-0b2c3d4e5f6a70002:/',
    ]);
    // The batch host runs (EC2's own metrics say so) but publishes no disk metrics: what could not
    // be seen, and how to fix it.
    const batch = of('payments').findings.find((f) => f.rule === 'host-agent');
    expect(batch?.message).toMatch(/runs but publishes no disk metrics.*could not be seen/);
    expect(batch?.remediation).toContain('CloudWatch agent');
  });

  it("judges resource limits on each service's ECS task definitions and functions, and the account's quotas apart", () => {
    const limits = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'resource-limits' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(/[:/]/).slice(-1)[0]}`)
        .sort();
    expect(limits('orders-api')).toEqual([
      'function-limits PASS orders-api-edge-auth',
      'function-limits PASS orders-api-receipts',
      'task-definition-limits PASS 42',
    ]);
    expect(limits('payments')).toEqual([
      'function-limits WARN payments-prod-handler-1a2b3c',
      'task-definition-limits FAIL 7',
    ]);
    // Quotas are the account's: judged once per account and region, shown with each service that
    // runs a workload there as an account finding.
    for (const service of ['orders-api', 'payments']) {
      const quotas = of(service).account?.findings.filter((f) => f.rule === 'service-quotas');
      expect(quotas).toMatchObject([
        {
          status: 'PASS',
          resource: 'arn:aws:servicequotas:eu-west-1:111122223333:*',
          evidence: { scope: 'account', highest: { quotaCode: 'L-3032A538', percent: 62.5 } },
        },
      ]);
    }
  });

  it("judges each service's environment variables and secret references: payments keeps secrets in plain text", () => {
    const env = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'environment-variables' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(/[:/]/).slice(-2).join(':')}`)
        .sort();
    expect(env('orders-api')).toEqual([
      'container-environment PASS orders-api:42',
      'container-secrets PASS orders-api:42',
      'function-environment PASS function:orders-api-edge-auth',
      'function-environment PASS function:orders-api-receipts',
    ]);
    expect(env('payments')).toEqual([
      'container-environment FAIL payments-api:7',
      'container-secrets FAIL payments-api:7',
      'function-environment FAIL function:payments-prod-handler-1a2b3c',
    ]);
    const handler = of('payments').findings.find((f) => f.rule === 'function-environment');
    expect(handler?.message).toMatch(
      /DB_PASSWORD \(sha256:[0-9a-f]{8}\), LEGACY_S3_KEY_ID \(sha256:[0-9a-f]{8}\)/,
    );
  });

  it('never prints, stores or passes on a secret value it found: JSON, text and markdown hold only keys and fingerprints', async () => {
    const text = await runCli(['audit', '--sample', '--exit-zero']);
    const markdown = await runCli(['audit', '--sample', '--exit-zero', '--format', 'markdown']);
    expect(text.stdout).toMatch(/DB_PASSWORD\s+\(sha256:[0-9a-f]{8}\)/);
    for (const output of [
      json.stdout,
      json.stderr,
      text.stdout,
      text.stderr,
      markdown.stdout,
      markdown.stderr,
    ]) {
      for (const value of SAMPLE_SECRET_VALUES) expect(output).not.toContain(value);
    }
  });

  it("judges each service's release images: orders-api's clean and immutable, payments' with a critical CVE in a mutable repository", () => {
    const images = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId.startsWith('image') && f.status !== 'SKIPPED')
        .map(
          (f) =>
            `${f.checkId}/${f.rule} ${f.status} ${f.resource.replace(/^.*\//, '').replace(/@sha256:.*/, '@digest')}`,
        );
    expect(images('orders-api')).toEqual([
      'image-scans/scan PASS orders-api@digest',
      'image-scans/vulnerabilities PASS orders-api@digest',
      'images-pushed/image PASS orders-api@digest',
      'images-pushed/tag-immutability PASS orders-api',
      'images-pushed/scanning PASS orders-api',
    ]);
    expect(images('payments')).toEqual([
      'image-scans/scan PASS payments@digest',
      'image-scans/vulnerabilities FAIL payments@digest',
      'images-pushed/image PASS payments@digest',
      'images-pushed/tag-immutability FAIL payments',
      'images-pushed/scanning PASS payments',
    ]);
    const critical = of('payments').findings.find((f) => f.rule === 'vulnerabilities');
    expect(JSON.stringify(critical?.evidence)).toContain('xz-utils 5.6.0-0.2 (fixed in 5.6.1+really5.4.5-1)');
  });

  it("judges each service's deployments: orders-api canary, blue/green and rolled back by its alarm; payments in place, all at once", () => {
    const deploys = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'deployment-strategy')
        .map((f) => `${f.rule} ${f.status} ${f.region} ${f.resource.split(':').at(-1)}`)
        .sort();
    expect(deploys('orders-api')).toEqual(
      ['eu-west-1', 'us-east-1']
        .flatMap((region) => [
          `auto-rollback PASS ${region} orders-api/orders-api-prod`,
          `blue-green PASS ${region} orders-api/orders-api-prod`,
          `circuit-breaker PASS ${region} service/prod/orders-api`,
          `original-kept PASS ${region} orders-api/orders-api-prod`,
          `rollback-alarms PASS ${region} orders-api/orders-api-prod`,
          `traffic-shift PASS ${region} orders-api/orders-api-prod`,
        ])
        .sort(),
    );
    const payments = deploys('payments').filter((line) => line.includes('eu-west-1'));
    expect(payments).toEqual([
      'auto-rollback FAIL eu-west-1 payments/payments-workers',
      'blue-green FAIL eu-west-1 payments/payments-workers',
      'circuit-breaker FAIL eu-west-1 service/prod/payments-api',
      'lambda-alias FAIL eu-west-1 payments-prod-handler-1a2b3c',
      'original-kept FAIL eu-west-1 payments/payments-workers',
      'rollback-alarms FAIL eu-west-1 payments/payments-workers',
      'rollback-alarms FAIL eu-west-1 service/prod/payments-api',
      'traffic-shift FAIL eu-west-1 payments/payments-workers',
    ]);
    // payments' deployment group, taken from its watch rollback, does not exist in us-east-1.
    expect(deploys('payments')).toContain('deployment-group FAIL us-east-1 payments/payments-workers');
    expect(of('catalog').findings.find((f) => f.checkId === 'deployment-strategy')).toMatchObject({
      rule: 'scope',
      status: 'WARN',
    });
  });

  it("judges each service's rollback runs: orders-api's last run succeeded, payments' failed", () => {
    const runs = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'rollback-tested')
        .map((f) => `${f.status} ${f.region} ${f.resource}`);
    expect(runs('orders-api')).toEqual([
      'PASS eu-west-1 orders-api-rollback',
      'PASS us-east-1 orders-api-rollback',
    ]);
    const payments = of('payments').findings.find(
      (f) => f.checkId === 'rollback-tested' && f.region === 'eu-west-1',
    );
    expect(payments).toMatchObject({
      status: 'FAIL',
      evidence: { lastExecution: { status: 'Failed', daysAgo: 3 } },
    });
    expect(of('catalog').findings.find((f) => f.checkId === 'rollback-tested')).toMatchObject({
      rule: 'scope',
      status: 'WARN',
    });
  });

  it("judges the network of each service's load balancers and functions: orders-api open on 80 and 443 alone, payments' SSH and open function", () => {
    const network = (service: string) =>
      of(service)
        .findings.filter((f) => f.checkId === 'network-configuration' && f.rule !== 'scope')
        .map((f) => `${f.rule} ${f.status} ${f.resource.split(':').at(-1)}`);
    expect(network('orders-api')).toEqual([
      'open-ingress PASS security-group/sg-0a1b2c3d4e5f60001',
      'open-ingress PASS security-group/sg-0a1b2c3d4e5f60002',
      'flow-logs PASS vpc/vpc-0orders1a2b3c4d5',
      // us-east-1: its load balancer there, open on 443 alone, in a VPC logging all traffic.
      'open-ingress PASS security-group/sg-03c4d5e6f7a8b9c0d',
      expect.stringMatching(/^flow-logs PASS vpc\//),
    ]);
    expect(network('payments')).toEqual([
      'open-ingress FAIL security-group/sg-0c1d2e3f4a5b60001',
      'open-ingress FAIL security-group/sg-0c1d2e3f4a5b60002',
      'flow-logs FAIL vpc/vpc-0paymnts9e8f7a6b',
    ]);
    expect(
      of('payments').findings.find((f) => f.resource.endsWith('sg-0c1d2e3f4a5b60001'))?.message,
    ).toContain('tcp 22 from 0.0.0.0/0');
  });

  it('blocks nobody with a broken resource nobody owns: no report judges one', () => {
    for (const report of reports) {
      const judged = [
        ...report.findings.map((f) => f.resource),
        ...(report.scope?.resources.map((r) => r.arn) ?? []),
      ];
      for (const unowned of UNOWNED)
        expect(
          judged.filter((r) => r.includes(unowned)),
          report.target.service,
        ).toEqual([]);
    }
  });

  it('reaches the staging account through its role and reports the denied API there as ERROR', () => {
    const catalog = of('catalog');
    expect(catalog.verdict).toBe('ERROR');
    expect(catalog.findings.find((f) => f.status === 'ERROR')?.message).toMatch(
      /secretsmanager:ListSecrets was denied/,
    );
    expect(catalog.scope?.resources.flatMap((r) => r.why)).toEqual(
      expect.arrayContaining(['name catalog-items', 'arn']),
    );
  });

  it('shows the account findings (IAM keys) with every service of the account, blocking none', () => {
    for (const service of ['orders-api', 'payments']) {
      expect(of(service).account).toMatchObject({ blocks: false, status: 'FAIL' });
    }
    expect(of('orders-api').findings.some((f) => f.checkId === 'iam-access-keys')).toBe(false);
  });

  it('warns, never passes by silence, where a service has nothing in scope in a region', () => {
    const warning = of('payments').findings.find(
      (f) => f.checkId === 'ssm-secure-parameters' && f.region === 'us-east-1',
    );
    expect(warning).toMatchObject({ status: 'WARN', rule: 'scope' });
  });

  it('exits 1 (a service fails) and shows progress per service, check and region on stderr', () => {
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/payments\/prod database-backups@us-east-1/);
  });
});

describe('preflight audit --sample --service S --env E', () => {
  it('prints one service: target, scope with why, account findings, the summary line', async () => {
    const run = await runCli(['audit', '--sample', '--service', 'orders-api', '--env', 'prod', '--quiet']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Target: orders-api in prod (account 111122223333, eu-west-1, us-east-1)');
    expect(run.stdout).toMatch(/Scope: tag service=orders-api: \d+ resource\(s\) judged/);
    expect(run.stdout).toContain(
      '  - tag service=orders-api: arn:aws:rds:eu-west-1:111122223333:db:orders-db\n',
    );
    expect(run.stdout).toMatch(/Account findings \(judged once per account 111122223333; they do not block/);
    // The summary closes the report (wrapped, like every line, to the width: 100 when piped).
    const summary = run.stdout.trimEnd().split('\n\n').at(-1) ?? '';
    expect(summary).toMatch(/^Verdict: PASS \| 26 automated items, 0 blocking \|\s+findings: \d+ PASS/);
  });

  it('prints markdown with the target, the scope and the account findings', async () => {
    const run = await runCli([
      'audit',
      '--sample',
      '--service',
      'payments',
      '--env',
      'prod',
      '--quiet',
      '--format',
      'markdown',
    ]);
    expect(run.stdout).toMatch(/^## Preflight: ❌ FAIL\n/);
    expect(run.stdout).toContain('**Target:** payments in prod');
    expect(run.stdout).toContain('**Scope:** `tag service=payments`, `stack payments-prod`');
    expect(run.stdout).toContain('### Account findings');
  });

  it('runs only the selected checks, in every region', async () => {
    const run = await runCli([
      'audit',
      '--sample',
      '--service',
      'orders-api',
      '--env',
      'prod',
      '--quiet',
      '--format',
      'json',
      '--checks',
      'alarms',
    ]);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.checks.map((c) => `${c.checkId}@${c.region}`)).toEqual([
      'alarms@eu-west-1',
      'alarms@us-east-1',
    ]);
    expect(report.items.find((i) => i.id === 'infrastructure.database-backups')?.status).toBe('NOT_RUN');
  });

  it.each([
    [
      ['--service', 'order-api', '--env', 'prod'],
      /unknown service "order-api"; .*did you mean "orders-api"\?/,
    ],
    [['--service', 'orders-api', '--env', 'prd'], /service "orders-api" is not deployed to "prd"/],
    [
      ['--service', 'catalog', '--env', 'staging', '--region', 'us-east-1'],
      /--region us-east-1 is not a region/,
    ],
  ])("refuses %j with exit 2 and the configuration's own words", async (args, message) => {
    const run = await runCli(['audit', '--sample', '--quiet', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('preflight audit output and options', () => {
  it('prints one verdict per service, then the overall verdict', async () => {
    const run = await runCli(['audit', '--sample', '--quiet']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /Per service:\n {2}orders-api prod +PASS\n {2}payments prod +FAIL\n {2}catalog staging +ERROR\n/,
    );
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Verdict: FAIL | 3 services and environments: 1 PASS, 1 FAIL, 1 ERROR',
    );
  });

  it('exits 0 with --exit-zero, as npm start does', async () => {
    const run = await runCli(['audit', '--sample', '--quiet', '--exit-zero']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Verdict: FAIL');
  });

  it.each([
    [
      ['--checks', 'alarms,nope'],
      /unknown check id "nope"; expected a comma-separated list of: database-backups/,
    ],
    [['--format', 'yaml'], /expected one of text, json, markdown/],
  ])('rejects bad options %j with exit 2', async (args, message) => {
    const run = await runCli(['audit', '--sample', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses an invalid configuration before auditing anything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ checks: { 'secrets-rotation': { maxAgeDays: 'ninety' } } }));
    const run = await runCli(['audit', '--sample', '--config', config]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('checks.secrets-rotation.maxAgeDays: got "ninety"');
  });
});
