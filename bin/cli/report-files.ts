import * as path from 'node:path';
import type { AuditReport } from '../../lambdas/core/report/model';
import { renderJunit } from '../../lambdas/core/report/render-junit';
import { renderSarif } from '../../lambdas/core/report/render-sarif';
import { version } from '../../package.json';
import { BUILT_IN_DEFAULTS } from './config';

/** The formats written for CI systems rather than read by people. */
export type FileFormat = 'sarif' | 'junit';

export const isFileFormat = (format: string): format is FileFormat =>
  format === 'sarif' || format === 'junit';

/**
 * Where SARIF results point: the configuration file, relative to the working directory (the
 * repository root in CI), in URI form. A file outside it, or no file, is named by its base name.
 */
export function artifactUriOf(source: string, cwd: string = process.cwd()): string {
  if (source === BUILT_IN_DEFAULTS || !source.endsWith('.json')) return 'preflight.config.json';
  const relative = path.relative(cwd, path.resolve(cwd, source));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : path.basename(source)).split(path.sep).join('/');
}

/** The reports as a SARIF log or a JUnit document. */
export function renderFile(
  reports: readonly AuditReport[],
  format: FileFormat,
  configSource: string,
): string {
  return format === 'sarif'
    ? renderSarif(reports, { toolVersion: version, artifactUri: artifactUriOf(configSource) })
    : renderJunit(reports);
}
