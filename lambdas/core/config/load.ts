import { readFileSync } from 'node:fs';
import type { PreflightConfig } from './schema';
import { ConfigError, validateConfig } from './validate';

/** Default file name, looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = 'preflight.config.json';

/**
 * Reads and validates a configuration file.
 * @throws ConfigError when the file is missing, is not JSON, or holds invalid values.
 */
export function loadConfigFile(path: string): PreflightConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      { key: '(file)', value: path, expected: `a readable JSON file (${(error as Error).message})` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [
      { key: '(file)', value: undefined, expected: `valid JSON: ${(error as Error).message}` },
    ]);
  }
  return validateConfig(raw, path);
}
