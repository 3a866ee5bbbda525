import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { WafPorts } from '../../core/checks/rate-limiting/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { webAclFor } from './wafv2';

/** The WAF ports over the given client; tests pass their own. */
export function wafPortsFromClient(client: WAFV2Client): WafPorts {
  return { webAclFor: (arn) => webAclFor(client, arn) };
}

/** The WAF ports backed by AWS (regional web ACLs); the client is created once per call of this factory. */
export function createAwsWafPorts(options: AwsClientOptions): WafPorts {
  return wafPortsFromClient(new WAFV2Client(clientConfig(options)));
}
