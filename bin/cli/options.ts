import { existsSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../../lambdas/core/config/load';
import type { PreflightConfig } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** commander parser for `--format`. */
export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}.`);
  }
  return value as Format;
}

/** commander parser for a positive integer option. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer.');
  }
  return n;
}

/**
 * The configuration for a command: the file given with `--config`, else `preflight.config.json`
 * in the working directory when it exists, else every default.
 */
export function loadConfig(path: string | undefined): PreflightConfig {
  if (path !== undefined) return loadConfigFile(path);
  if (existsSync(DEFAULT_CONFIG_FILE)) return loadConfigFile(DEFAULT_CONFIG_FILE);
  return validateConfig({}, 'built-in defaults');
}
