import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { maxAttemptsSetting, retryModeSetting } from './retry-settings';

/** Where and how the AWS adapters connect. */
export interface AwsClientOptions {
  /** @default the SDK's own resolution (AWS_REGION, profile) */
  readonly region?: string;
  /**
   * Total attempts per call, first included.
   * @default AWS_MAX_ATTEMPTS, else the profile's max_attempts, else 8
   */
  readonly maxAttempts?: number;
  /** Override the endpoint, for tests against a local server. @default the service's endpoint */
  readonly endpoint?: string;
  /** A named profile for the region and credentials (`--profile`). @default AWS_PROFILE, else the default */
  readonly profile?: string;
  /** Credentials other than the default chain's, e.g. an environment's assumed role. @default the chain */
  readonly credentials?: AwsCredentialIdentityProvider;
}

/**
 * The shared SDK client configuration. The SDK's own retry settings are honoured (AWS_MAX_ATTEMPTS and
 * AWS_RETRY_MODE, a profile's max_attempts and retry_mode); without them, 8 attempts in adaptive mode,
 * so throttling backs off instead of failing.
 */
export function clientConfig(options: AwsClientOptions = {}) {
  const fromProfile = { profile: options.profile };
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    retryMode: retryModeSetting(fromProfile),
    maxAttempts: options.maxAttempts ?? maxAttemptsSetting(fromProfile),
  };
}
