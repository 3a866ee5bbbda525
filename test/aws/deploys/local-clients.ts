import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Client settings for the local endpoint: test credentials, four attempts 5 ms apart (real retries, no waiting). */
export const localClientConfig = (url: string) => ({
  endpoint: url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
});
