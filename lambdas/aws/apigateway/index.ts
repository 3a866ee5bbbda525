import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { RestApiPorts } from '../../core/checks/api-gateway/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listRestApis, listUsagePlans, restStages } from './rest';

/*
 * REST APIs (v1) here, HTTP APIs (v2) in `http-apis.ts`: two groups of ports, each with its own
 * client, so a function that reads one kind bundles only that client.
 */

/** The REST API ports over the given client; tests pass their own. */
export function restApiPortsFromClient(client: APIGatewayClient): RestApiPorts {
  return {
    listRestApis: () => listRestApis(client),
    restStages: (api) => restStages(client, api),
    listUsagePlans: () => listUsagePlans(client),
  };
}

/** The REST API ports backed by AWS; the client is created once per call of this factory. */
export function createAwsRestApiPorts(options: AwsClientOptions): RestApiPorts {
  return restApiPortsFromClient(new APIGatewayClient(clientConfig(options)));
}
