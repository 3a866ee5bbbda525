import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { CorsPorts } from '../../core/checks/cors/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { functionUrlCors } from './lambda-urls';
import { bucketCors, listBuckets } from './s3-buckets';

/** The SDK clients the CORS check uses; tests pass their own. */
export interface CorsClients {
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
}

/** The CORS ports over the given clients (the buckets listed are those of the S3 client's region). */
export function corsPortsFromClients(clients: CorsClients): CorsPorts {
  return {
    functionUrlCors: (name) => functionUrlCors(clients.lambda, name),
    listBuckets: async () => listBuckets(clients.s3, await clients.s3.config.region()),
    bucketCors: (name) => bucketCors(clients.s3, name),
  };
}

/** The CORS ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsCorsPorts(options: AwsClientOptions): CorsPorts {
  const config = clientConfig(options);
  // A local endpoint (tests, the benchmark) has no bucket subdomains: bucket names go in the path.
  return corsPortsFromClients({
    lambda: new LambdaClient(config),
    s3: new S3Client({ ...config, ...(options.endpoint === undefined ? {} : { forcePathStyle: true }) }),
  });
}
