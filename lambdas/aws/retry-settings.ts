import { loadConfig } from '@smithy/core/config';

/*
 * The SDK's own retry settings, with Preflight's defaults where none is set: AWS_MAX_ATTEMPTS, else the
 * profile's max_attempts, else 8; AWS_RETRY_MODE, else the profile's retry_mode, else adaptive.
 */

/** Attempts per call when neither the caller, AWS_MAX_ATTEMPTS nor the profile says: more than the SDK's 3, as an audit must ride out throttling. */
const DEFAULT_MAX_ATTEMPTS = 8;
const MOST_ATTEMPTS = 100;

/** A retry setting from the environment or the shared config file that is not one. */
export class RetrySettingError extends Error {
  override readonly name = 'RetrySettingError';
}

/** A setting's text as a number of attempts; a value the SDK would read loosely (`3x` as 3, `0`) is refused. */
function attempts(setting: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const count = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= 1 && count <= MOST_ATTEMPTS))
    throw new RetrySettingError(
      `${setting}: got ${JSON.stringify(value)}; expected a whole number from 1 to ${MOST_ATTEMPTS}`,
    );
  return count;
}

interface Setting {
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * AWS_MAX_ATTEMPTS, else the profile's max_attempts, else 8. Read as the SDK reads them, but checked
 * outside its provider chain: the chain takes a setting it cannot read for an absent one and goes on
 * to the default, so a mistyped value would be ignored without a word.
 */
export function maxAttemptsSetting(fromProfile: { readonly profile?: string }): () => Promise<number> {
  const setting = loadConfig<Setting>(
    {
      environmentVariableSelector: (env) =>
        env.AWS_MAX_ATTEMPTS ? { name: 'AWS_MAX_ATTEMPTS', value: env.AWS_MAX_ATTEMPTS } : undefined,
      configFileSelector: (profile) =>
        profile.max_attempts
          ? { name: 'max_attempts in the AWS config file', value: profile.max_attempts }
          : undefined,
      default: { name: 'default', value: undefined },
    },
    fromProfile,
  );
  return async () => {
    const { name, value } = await setting();
    return attempts(name, value) ?? DEFAULT_MAX_ATTEMPTS;
  };
}

const RETRY_MODES = ['standard', 'adaptive', 'legacy'];

/** AWS_RETRY_MODE, else the profile's retry_mode, else adaptive (client-side rate limiting under throttling). */
export function retryModeSetting(fromProfile: { readonly profile?: string }): () => Promise<string> {
  const setting = loadConfig<Setting>(
    {
      environmentVariableSelector: (env) =>
        env.AWS_RETRY_MODE ? { name: 'AWS_RETRY_MODE', value: env.AWS_RETRY_MODE } : undefined,
      configFileSelector: (profile) =>
        profile.retry_mode
          ? { name: 'retry_mode in the AWS config file', value: profile.retry_mode }
          : undefined,
      default: { name: 'default', value: 'adaptive' },
    },
    fromProfile,
  );
  return async () => {
    const { name, value = 'adaptive' } = await setting();
    if (!RETRY_MODES.includes(value))
      throw new RetrySettingError(
        `${name}: got ${JSON.stringify(value)}; expected one of ${RETRY_MODES.join(', ')}`,
      );
    return value;
  };
}
