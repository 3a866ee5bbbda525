import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { WafPorts } from '../../core/checks/rate-limiting/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { cloudFrontWebAcl, listDistributions } from './cloudfront';
import { originNames } from './origin-dns';
import { webAclFor } from './wafv2';

/** The SDK clients the rate limiting check uses; tests pass their own. */
export interface WafClients {
  /** Regional web ACLs (load balancers), in the audited region. */
  readonly wafv2: WAFV2Client;
  /** CloudFront's API and its CLOUDFRONT-scope web ACLs, in us-east-1. */
  readonly cloudFront: CloudFrontClient;
  readonly globalWafv2: WAFV2Client;
}

/** The WAF ports over the given clients. */
export function wafPortsFromClients(clients: WafClients): WafPorts {
  return {
    webAclFor: (arn) => webAclFor(clients.wafv2, arn),
    listDistributions: () => listDistributions(clients.cloudFront),
    cloudFrontWebAcl: (arn) => cloudFrontWebAcl(clients.globalWafv2, arn),
    auditedRegion: () => clients.wafv2.config.region(),
    originNames,
  };
}

/** CloudFront and its web ACLs are reached in us-east-1, whatever region is audited. */
export const CLOUDFRONT_API_REGION = 'us-east-1';

/** The WAF ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsWafPorts(options: AwsClientOptions): WafPorts {
  const global = clientConfig({ ...options, region: CLOUDFRONT_API_REGION });
  return wafPortsFromClients({
    wafv2: new WAFV2Client(clientConfig(options)),
    cloudFront: new CloudFrontClient(global),
    globalWafv2: new WAFV2Client(global),
  });
}
