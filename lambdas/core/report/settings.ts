import { resolveChecklist } from '../checklist/resolve';
import { CATALOGUE, CATALOGUE_IDS } from '../checks/catalogue';
import { selectChecks } from '../checks/select';
import type { PreflightConfig } from '../config/schema';
import { wholeAccountTarget } from '../services/audit-target';
import { resolveTarget, TargetError } from '../services/resolve';
import type { ServiceTarget } from '../services/target';
import type { ReportSettings, TargetReportSettings } from './settings-schema';

export { type ReportSettings, ReportSettingsSchema, type TargetReportSettings } from './settings-schema';

/*
 * The report step's slice of the configuration, computed at synth time from the validated
 * configuration: the state machine passes it to the report tasks as a literal, and the report step
 * judges a run with it instead of validating and resolving the whole configuration on every run.
 */

function targetReport(config: PreflightConfig, target: ServiceTarget): TargetReportSettings {
  return {
    ...(target.resources === undefined ? {} : { resources: target.resources }),
    accountFindings: target.accountFindings,
    signoffRoles: [...target.signoffs.roles],
    checks: selectChecks(config, undefined, target.checks),
  };
}

/** A target the configuration cannot resolve has no slice: a run of it is refused before its report. */
function resolvable(resolve: () => ServiceTarget): ServiceTarget | undefined {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof TargetError) return undefined;
    throw error;
  }
}

/** The slice cannot be a literal of the definition: a key ending in `.$` would be read as a path. */
export class ReportSettingsKeyError extends Error {
  override readonly name = 'ReportSettingsKeyError';
}

/**
 * Step Functions reads a task parameter's key ending in `.$` as a path into the state: no key of the
 * slice may end so (only a service's tag keys could, and AWS tag keys never hold a `$`).
 */
function refusePathKeys(value: unknown, at: string): void {
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) refusePathKeys(entry, `${at}.[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      if (key.endsWith('.$')) {
        throw new ReportSettingsKeyError(
          `${at}.${key}: a key ending in ".$" cannot be written into the state machine (Step Functions reads it as a path); AWS tag keys hold no "$"`,
        );
      }
      refusePathKeys(entry, `${at}.${key}`);
    }
  }
}

/**
 * The report step's slice of a validated configuration (notifications and secrets stay out).
 * @throws ReportSettingsKeyError when a key could not be written into the definition as it is.
 */
export function reportSettings(config: PreflightConfig): ReportSettings {
  const checklist = resolveChecklist(config);
  const account = resolvable(() => wholeAccountTarget(config));
  const services: Record<string, Record<string, TargetReportSettings>> = {};
  for (const [service, settings] of Object.entries(config.services)) {
    const environments: Record<string, TargetReportSettings> = {};
    for (const environment of settings.environments) {
      const target = resolvable(() => resolveTarget(config, { service, environment }));
      if (target !== undefined) environments[environment] = targetReport(config, target);
    }
    services[service] = environments;
  }
  const { gate } = config;
  const settings: ReportSettings = {
    checklist: {
      version: checklist.version,
      sections: checklist.sections.map(({ id, title }) => ({ id, title })),
      items: checklist.items.map(({ id, section, group, title, verification }) => ({
        id,
        section,
        group,
        title,
        verification:
          verification.kind === 'check'
            ? { ...verification, checkIds: [...verification.checkIds] }
            : verification,
      })),
    },
    timezone: config.timezone,
    warnBlocks: gate.warnBlocks,
    requiredAttestations: [...gate.requiredAttestations],
    ...(gate.window === undefined ? {} : { window: gate.window }),
    accountWideChecks: CATALOGUE_IDS.filter((id) => CATALOGUE[id].scope.kind === 'account'),
    signoffTimeoutMinutes: gate.signoffs.timeoutMinutes,
    mutes: config.mutes,
    ...(account === undefined ? {} : { account: targetReport(config, account) }),
    services,
  };
  refusePathKeys(settings, 'settings');
  return settings;
}
