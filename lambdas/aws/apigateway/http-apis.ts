import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { HttpApiPorts } from '../../core/checks/api-gateway/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { httpStages, listHttpApis } from './http';

/** The HTTP API ports over the given client; tests pass their own. */
export function httpApiPortsFromClient(client: ApiGatewayV2Client): HttpApiPorts {
  return {
    listHttpApis: () => listHttpApis(client),
    httpStages: (api) => httpStages(client, api),
  };
}

/** The HTTP API ports backed by AWS; the client is created once per call of this factory. */
export function createAwsHttpApiPorts(options: AwsClientOptions): HttpApiPorts {
  return httpApiPortsFromClient(new ApiGatewayV2Client(clientConfig(options)));
}
