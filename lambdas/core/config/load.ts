import { readFileSync } from 'node:fs';
import { duplicateKeys } from './duplicate-keys';
import type { PreflightConfig } from './schema';
import { ConfigError, validateConfig } from './validate';

/** Default file name, looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = 'preflight.config.json';

/**
 * Reads and validates a configuration file.
 * @throws ConfigError when the file is missing, is not JSON, writes a key twice in one object, or holds
 *   invalid values.
 */
export function loadConfigFile(path: string): PreflightConfig {
  let text: string;
  try {
    // A byte order mark (some editors write one) is not JSON, and says nothing about the content.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(path, [
      { key: '(file)', value: path, expected: `expected a readable JSON file (${(error as Error).message})` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, [
      {
        key: '(file)',
        value: undefined,
        found: `not JSON (${(error as Error).message})`,
        expected: 'expected a JSON object of configuration keys',
      },
    ]);
  }
  // The parsed object has lost one of each pair: judging it would judge what nobody wrote alone.
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0) {
    throw new ConfigError(
      path,
      duplicates.map((d) => ({
        key: d.key,
        value: undefined,
        found: `written twice (lines ${d.firstLine} and ${d.line})`,
        expected: 'expected each key once in its object (JSON keeps only the last)',
      })),
    );
  }
  return validateConfig(raw, path);
}
