import { loadConfigFile } from '../../lambdas/core/config/load';
import type { PreflightConfig } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { displayPath, findConfigFile } from './config-file';

/** A configuration and where it came from, in the words every report uses. */
export interface LoadedConfig {
  readonly config: PreflightConfig;
  /** The file read (as given, or found by the search), or `built-in defaults`. */
  readonly source: string;
}

export const BUILT_IN_DEFAULTS = 'built-in defaults';

/**
 * The configuration for a command: the file given with `--config`, else the nearest
 * `preflight.config.json` (see `config-file.ts`), else every default.
 * @throws ConfigError when the file is unreadable or invalid, listing every problem.
 */
export function loadConfig(file: string | undefined): LoadedConfig {
  if (file !== undefined) return { config: loadConfigFile(file), source: file };
  const found = findConfigFile();
  if (found === undefined)
    return { config: validateConfig({}, BUILT_IN_DEFAULTS), source: BUILT_IN_DEFAULTS };
  const source = displayPath(found);
  return { config: loadConfigFile(source), source };
}
