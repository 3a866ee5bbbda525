import type { SignoffSettings } from '../config/gate-schema';
import type { CheckSettings } from '../config/schema';
import type { ServiceSettings } from '../config/services-schema';
import type { WatchSettings } from '../config/watch-schema';
import type { Release } from '../release';

/** A role in an environment's account, assumed with the external id its trust policy requires. */
export interface RoleToAssume {
  readonly arn: string;
  readonly externalId?: string;
}

/** Where a service runs, as Preflight reaches it. */
export interface EnvironmentTarget {
  readonly name: string;
  /** The account; `undefined` for the account Preflight runs in. */
  readonly account?: string;
  /** The regions; empty for the region Preflight runs in. */
  readonly regions: readonly string[];
  /** The role to assume there; `undefined` to use Preflight's own credentials. */
  readonly role?: RoleToAssume;
  /**
   * The role a watch's rollback action assumes there, with the same external id; `undefined` when
   * the environment names none (with Preflight's own credentials, the rollback runs as Preflight).
   */
  readonly rollbackRole?: RoleToAssume;
  /**
   * `observability`: a watch reads the environment's metrics from Preflight's own account (CloudWatch
   * cross-account observability). @default "access" (through `role`, or Preflight's own credentials)
   */
  readonly metricsVia?: 'access' | 'observability';
  /** False when the configuration names no environments: the account Preflight runs in. */
  readonly configured: boolean;
}

/** Which resources belong to a service (see `ResourceSelectorSchema`). */
export type ResourceSelector = ServiceSettings['resources'];

/** Everything a gate, an audit or a watch of one service in one environment works with. */
export interface ServiceTarget {
  readonly service: string;
  /** True when the configuration names no services: the scope is the whole account. */
  readonly implicit: boolean;
  readonly environment: EnvironmentTarget;
  /** What belongs to the service; `undefined` for the whole account (an implicit service). */
  readonly resources?: ResourceSelector;
  /** The check settings: the defaults with the service's overrides. */
  readonly checks: CheckSettings;
  /** The watch settings: the defaults with the service's and environment's overrides, templates filled. */
  readonly watch: WatchSettings;
  /** The region the watch reads metrics in; `undefined` for the region Preflight runs in. */
  readonly watchRegion?: string;
  readonly signoffs: SignoffSettings;
  /** Whether account-wide findings block this service's gate. */
  readonly accountFindings: 'block' | 'report';
}

/**
 * What a check task needs of its target, and all the check functions receive: the service, the
 * environment to reach, the resources to judge and the checks' merged settings. Resolved once by the
 * audit's input step from the embedded configuration, so the check functions carry no configuration
 * schema.
 */
export type CheckTarget = Pick<
  ServiceTarget,
  'service' | 'implicit' | 'environment' | 'resources' | 'checks'
> & {
  /** The release a gate deploys (its images), as the input gave it; absent otherwise. */
  readonly release?: Release;
};

/** The check tasks' slice of a resolved target. */
export function checkTargetOf(target: ServiceTarget): CheckTarget {
  return {
    service: target.service,
    implicit: target.implicit,
    environment: target.environment,
    ...(target.resources === undefined ? {} : { resources: target.resources }),
    checks: target.checks,
  };
}
