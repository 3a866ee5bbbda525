import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Where and how the AWS adapters connect. */
export interface AwsClientOptions {
  /** @default the SDK's own resolution (AWS_REGION, profile) */
  readonly region?: string;
  /** Total attempts per call, first included, with adaptive (client-side rate limited) backoff. @default 8 */
  readonly maxAttempts?: number;
  /** Override the endpoint, for tests against a local server. @default the service's endpoint */
  readonly endpoint?: string;
  /** A named profile for the region and credentials (`--profile`). @default AWS_PROFILE, else the default */
  readonly profile?: string;
  /** Credentials other than the default chain's, e.g. an environment's assumed role. @default the chain */
  readonly credentials?: AwsCredentialIdentityProvider;
}

/** The shared SDK client configuration: adaptive retry so throttling backs off instead of failing. */
export function clientConfig(options: AwsClientOptions = {}) {
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    retryMode: 'adaptive' as const,
    maxAttempts: options.maxAttempts ?? 8,
  };
}
