import { deepNesting, FileTooLargeError, formatBytes, readBoundedText } from './bounded-text';
import { duplicateKeys } from './duplicate-keys';
import type { PreflightConfig } from './schema';
import { ConfigError, validateConfig } from './validate';

/** Default file name, looked up in the working directory. */
export const DEFAULT_CONFIG_FILE = 'preflight.config.json';

/**
 * The largest configuration file read: the stack embeds the configuration in its template, which
 * CloudFormation takes up to 1 MB, so a real one is far smaller; `/dev/zero` or a wrong file is not.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** The deepest nesting of objects and arrays read; the schema itself goes about six levels deep. */
export const MAX_CONFIG_DEPTH = 64;

/**
 * Reads and validates a configuration file.
 * @throws ConfigError when the file is missing, is not JSON, writes a key twice in one object, or holds
 *   invalid values.
 */
export function loadConfigFile(path: string): PreflightConfig {
  let text: string;
  try {
    // A byte order mark (some editors write one) is not JSON, and says nothing about the content.
    text = readBoundedText(path, MAX_CONFIG_BYTES).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new ConfigError(path, [
        {
          key: '(file)',
          value: undefined,
          found: error.message,
          expected: `expected a JSON configuration of at most ${formatBytes(MAX_CONFIG_BYTES)}`,
        },
      ]);
    }
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
  const deep = deepNesting(text, MAX_CONFIG_DEPTH);
  if (deep !== undefined) {
    throw new ConfigError(path, [
      {
        key: '(file)',
        value: undefined,
        found: `objects and arrays nested more than ${MAX_CONFIG_DEPTH} levels deep (line ${deep.line})`,
        expected: `expected at most ${MAX_CONFIG_DEPTH} levels, as the configuration's keys need`,
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
