import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditTaggedService } from '../support/tagged-service-audit';

/*
 * `preflight audit --service` of several checks of one family: the service's scope (its stack's
 * resources, its tagged resources) is read once for the run, not once per check, and a scope that
 * could not be read is an ERROR for every check that needs it.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const STACK = 'orders-prod';
const SECRETS = 'secrets-rotation,secrets-encryption,ssm-secure-parameters';

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const cloudformation = mockClient(CloudFormationClient);
afterAll(() => {
  account.restore();
  tagging.restore();
  cloudformation.restore();
});

function configFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'preflight-scope-once-')), 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: { prod: { account: ACCOUNT, region: REGION } },
      services: {
        orders: { environments: ['prod'], resources: { tags: { service: 'orders' }, stacks: [STACK] } },
      },
    }),
  );
  return file;
}

beforeEach(() => {
  account.install();
  tagging.reset();
  cloudformation.reset();
  account.pipelineCaller(ACCOUNT);
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
});

describe('preflight audit --service (scope resolution)', () => {
  describe('several checks of one family', () => {
    it('lists the stack once and asks the tagging API once per kind of resource, for the whole run', async () => {
      cloudformation.on(ListStackResourcesCommand).resolves({
        StackResourceSummaries: [
          {
            LogicalResourceId: 'DbSecret',
            PhysicalResourceId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:orders-db-AbCdEf`,
            ResourceType: 'AWS::SecretsManager::Secret',
            ResourceStatus: 'CREATE_COMPLETE',
            LastUpdatedTimestamp: new Date(),
          },
        ],
      });

      const { report } = await auditTaggedService(configFile(), SECRETS);

      expect(report.checks.map((c) => c.checkId).sort()).toEqual(SECRETS.split(',').sort());
      expect(cloudformation.commandCalls(ListStackResourcesCommand)).toHaveLength(1);
      // Secrets (two checks) and SSM parameters (one) are two kinds: one query each.
      expect(tagging.commandCalls(GetResourcesCommand)).toHaveLength(2);
    });
  });

  describe('a stack that cannot be listed', () => {
    it('is an ERROR naming the call for every check that needs it, never an empty pass', async () => {
      cloudformation
        .on(ListStackResourcesCommand)
        .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));

      const { report } = await auditTaggedService(configFile(), SECRETS);

      for (const checkId of SECRETS.split(',')) {
        const findings = report.findings.filter((f) => f.checkId === checkId);
        expect(findings.map((f) => f.status)).toEqual(['ERROR']);
        expect(findings[0]?.message).toContain('ListStackResources');
      }
    });
  });
});
