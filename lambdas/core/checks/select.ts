import { resolveChecklist } from '../checklist/resolve';
import type { CheckId, CheckSettings, PreflightConfig } from '../config/schema';
import { CATALOGUE_IDS } from './catalogue';

/**
 * The checks a run covers: the selection if given, else every check that is enabled (in `checks`,
 * a service's merged settings; by default the configuration's) and verifies at least one item of
 * the checklist (turning an item off turns its checks off). Reads the catalogue only: what plans a
 * run bundles no check's run code.
 */
export function selectChecks(
  config: PreflightConfig,
  checkIds?: readonly CheckId[],
  checks: CheckSettings = config.checks,
): CheckId[] {
  if (checkIds !== undefined) return [...new Set(checkIds)];
  const used = new Set(
    resolveChecklist(config).items.flatMap((item) =>
      item.verification.kind === 'check' ? item.verification.checkIds : [],
    ),
  );
  return CATALOGUE_IDS.filter((id) => checks[id].enabled && used.has(id));
}
