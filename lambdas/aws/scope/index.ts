import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import type { ScopePorts } from '../../core/scope/ports';
import type { ArnLocation } from '../../core/scope/stack-resources';
import { callerIdentity } from '../backups/identity';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { stackResources } from './stacks';
import { resourcesWithTags } from './tagging';

/** The SDK clients the scope ports use; tests pass mocked ones. */
export interface ScopeClients {
  readonly tagging: ResourceGroupsTaggingAPIClient;
  readonly cloudformation: CloudFormationClient;
  readonly sts: STSClient;
}

/** The scope ports over the given clients. */
export function scopePorts(clients: ScopeClients): ScopePorts {
  let location: Promise<ArnLocation> | undefined;
  return {
    resourcesWithTags: (tags, types) => resourcesWithTags(clients.tagging, tags, types),
    stackResources: (stack) => stackResources(clients.cloudformation, stack),
    location() {
      location ??= Promise.all([callerIdentity(clients.sts), clients.cloudformation.config.region()]).then(
        ([identity, region]) => ({ ...identity, region }),
      );
      return location;
    },
  };
}

/** The scope ports backed by AWS; clients are created once per call of this factory. */
export function createAwsScopePorts(options: AwsClientOptions): ScopePorts {
  const config = clientConfig(options);
  return scopePorts({
    tagging: new ResourceGroupsTaggingAPIClient(config),
    cloudformation: new CloudFormationClient(config),
    sts: new STSClient(config),
  });
}
