import {
  DescribeServicesCommand,
  type DescribeServicesCommandInput,
  ListClustersCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditTaggedService, taggedServiceConfigFile } from '../support/tagged-service-audit';

/*
 * `preflight audit --checks deployment-strategy` when DescribeServices answers some services as
 * failures: a service gone since the listing (MISSING) is left out, any other failure is an ERROR
 * naming the call and the service, and the services that were described are still judged.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const CLUSTER = `arn:aws:ecs:${AT}:cluster/prod`;
const serviceArn = (name: string) => `arn:aws:ecs:${AT}:service/prod/${name}`;
const SERVICES = ['orders', 'orders-worker', 'orders-gone'].map(serviceArn);

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});

const audit = () => auditTaggedService(taggedServiceConfigFile(ACCOUNT, 'us-east-1'), 'deployment-strategy');

beforeEach(() => {
  account.install();
  tagging.reset();
  account.pipelineCaller(ACCOUNT);
  tagging.on(GetResourcesCommand).resolves({
    ResourceTagMappingList: SERVICES.map((ResourceARN) => ({ ResourceARN })),
    PaginationToken: '',
  });
  account.mocks.ecs.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER] });
  account.mocks.ecs.on(ListServicesCommand).resolves({ serviceArns: SERVICES });
});

const describeAnswering = (reason: string) =>
  account.mocks.ecs.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => ({
    services: (input.services ?? [])
      .filter((arn) => arn === serviceArn('orders'))
      .map((arn) => ({
        serviceArn: arn,
        serviceName: 'orders',
        clusterArn: CLUSTER,
        deploymentController: { type: 'ECS' },
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          alarms: { alarmNames: ['orders-5xx'], enable: true, rollback: true },
        },
      })),
    failures: [
      { arn: serviceArn('orders-worker'), reason, detail: 'not readable by this role' },
      { arn: serviceArn('orders-gone'), reason: 'MISSING' },
    ],
  }));

describe('preflight audit: a service DescribeServices could not describe', () => {
  it.each(['ACCESS_DENIED', 'UNKNOWN'])(
    'is an ERROR naming ecs:DescribeServices and the service (%s); the others are still judged',
    async (reason) => {
      describeAnswering(reason);
      const { run, report } = await audit();

      // Everything that was read passes: the one service not described makes the verdict.
      expect(report.findings.filter((f) => f.status !== 'PASS').map((f) => f.resource)).toEqual([
        serviceArn('orders-worker'),
      ]);
      expect(report.verdict).toBe('ERROR');
      expect(run.code).toBe(2);
      const worker = report.findings.filter((f) => f.resource === serviceArn('orders-worker'));
      expect(worker).toEqual([
        expect.objectContaining({
          checkId: 'deployment-strategy',
          status: 'ERROR',
          message: expect.stringMatching(
            new RegExp(`ecs:DescribeServices.*${reason}.*service/prod/orders-worker.*not readable`),
          ),
        }),
      ]);
      // The described service is still judged; the one deleted since the listing is left out.
      expect(
        report.findings.find((f) => f.resource === serviceArn('orders') && f.rule === 'circuit-breaker'),
      ).toMatchObject({ status: 'PASS' });
      expect(report.findings.some((f) => f.resource === serviceArn('orders-gone'))).toBe(false);
    },
  );

  it('leaves out a service deleted since the listing (MISSING) without an ERROR', async () => {
    account.mocks.ecs.on(DescribeServicesCommand).callsFake((input: DescribeServicesCommandInput) => ({
      services: (input.services ?? [])
        .filter((arn) => arn !== serviceArn('orders-gone'))
        .map((arn) => ({
          serviceArn: arn,
          serviceName: arn.slice(arn.lastIndexOf('/') + 1),
          clusterArn: CLUSTER,
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        })),
      failures: [{ arn: serviceArn('orders-gone'), reason: 'MISSING' }],
    }));
    const { report } = await audit();

    expect(report.findings.filter((f) => f.status === 'ERROR')).toEqual([]);
    expect(report.findings.some((f) => f.resource === serviceArn('orders-gone'))).toBe(false);
    expect(
      report.findings.filter((f) => f.rule === 'circuit-breaker').map((f) => [f.resource, f.status]),
    ).toEqual([
      [serviceArn('orders'), 'PASS'],
      [serviceArn('orders-worker'), 'PASS'],
    ]);
  });
});
