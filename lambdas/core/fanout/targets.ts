import { CATALOGUE } from '../checks/catalogue';
import { selectChecks } from '../checks/select';
import type { CheckId, PreflightConfig } from '../config/schema';
import { resolveEnvironment } from '../services/resolve';
import { type OrganizationListing, planFanout, type TargetPlan } from './plan';
import type { FanoutSettings } from './settings';

/*
 * The fan-out's plan from the configuration: at synth time, the slice the list step plans with
 * ({@link fanoutSettings}); {@link planTargets} plans from the configuration directly (the CLI's
 * and the bench's way; the same plan as the list step's).
 */

export type {
  FanoutItem,
  ListingProblem,
  OrganizationAccount,
  OrganizationListing,
  PlannedTarget,
  TargetPlan,
} from './plan';

/** The account an ARN names (a role's, when an environment gives only `roleArn`). */
function accountOfArn(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** The fan-out's slice of a validated configuration: environments, organization, checks. */
export function fanoutSettings(config: PreflightConfig): FanoutSettings {
  const enabled = selectChecks(config);
  const organization = config.organization;
  return {
    ...(config.home === undefined ? {} : { home: config.home.account }),
    environments: Object.keys(config.environments).map((name) => {
      const env = resolveEnvironment(config, name);
      const account = env.account ?? accountOfArn(env.role?.arn);
      return { name, ...(account === undefined ? {} : { account }), regions: [...env.regions] };
    }),
    ...(organization === undefined
      ? {}
      : {
          organization: {
            organizationalUnits: [...organization.organizationalUnits],
            includeChildUnits: organization.includeChildUnits,
            regions: [...organization.regions],
          },
        }),
    checks: {
      enabled,
      regionWide: enabled.filter((id) => CATALOGUE[id as CheckId].scope.kind !== 'account'),
    },
  };
}

/**
 * The fan-out's targets, in a stable order: environments first, then the organization's accounts.
 * @param listing the organization as listed now; omitted when no organization is configured.
 */
export function planTargets(config: PreflightConfig, listing?: OrganizationListing): TargetPlan {
  return planFanout(fanoutSettings(config), listing);
}
