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

interface FromProfile {
  readonly profile?: string;
}

/**
 * A setting as the SDK finds it: the environment variable, else the profile's key, else none. Its text
 * is checked by the caller, outside the SDK's provider chain: the chain takes a setting it cannot read
 * for an absent one and goes on to the default, so a mistyped value would be ignored without a word.
 */
function sharedSetting(variable: string, key: string, fromProfile: FromProfile): () => Promise<Setting> {
  return loadConfig<Setting>(
    {
      environmentVariableSelector: (env) =>
        env[variable] ? { name: variable, value: env[variable] } : undefined,
      configFileSelector: (profile) =>
        profile[key] ? { name: `${key} in the AWS config file`, value: profile[key] } : undefined,
      default: { name: 'default', value: undefined },
    },
    fromProfile,
  );
}

/** AWS_MAX_ATTEMPTS, else the profile's max_attempts, else 8. */
export function maxAttemptsSetting(fromProfile: FromProfile): () => Promise<number> {
  const setting = sharedSetting('AWS_MAX_ATTEMPTS', 'max_attempts', fromProfile);
  return async () => {
    const { name, value } = await setting();
    return attempts(name, value) ?? DEFAULT_MAX_ATTEMPTS;
  };
}

const RETRY_MODES = ['standard', 'adaptive', 'legacy'];

/** AWS_RETRY_MODE, else the profile's retry_mode, else adaptive (client-side rate limiting under throttling). */
export function retryModeSetting(fromProfile: FromProfile): () => Promise<string> {
  const setting = sharedSetting('AWS_RETRY_MODE', 'retry_mode', fromProfile);
  return async () => {
    const { name, value = 'adaptive' } = await setting();
    if (!RETRY_MODES.includes(value))
      throw new RetrySettingError(
        `${name}: got ${JSON.stringify(value)}; expected one of ${RETRY_MODES.join(', ')}`,
      );
    return value;
  };
}
