import { LambdaClient } from '@aws-sdk/client-lambda';
import type { CorsPorts } from '../../core/checks/cors/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { functionUrlCors } from './lambda-urls';

/** The CORS ports over the given client; tests pass their own. */
export function corsPortsFromClient(client: LambdaClient): CorsPorts {
  return { functionUrlCors: (name) => functionUrlCors(client, name) };
}

/** The CORS ports backed by AWS; the client is created once per call of this factory. */
export function createAwsCorsPorts(options: AwsClientOptions): CorsPorts {
  return corsPortsFromClient(new LambdaClient(clientConfig(options)));
}
