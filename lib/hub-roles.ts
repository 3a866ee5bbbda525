import { Token } from 'aws-cdk-lib';

/*
 * The roles of the Preflight stack that reach into member accounts have fixed names, so that a member
 * account's roles can trust exactly them (by ARN) and nothing else of the Preflight account. IAM role
 * names are global to an account, and Preflight has one stack per region, so the region is part of
 * the name: `preflight-<region>-<purpose>`, e.g. `preflight-eu-west-1-audit`.
 */

/** What each named role does, as the last part of its name. */
export const HUB_ROLE_PURPOSES = {
  /**
   * The audit's reach role: the check functions (one per family, each with its own role) assume it
   * to assume a member account's audit role. It reads nothing itself.
   */
  audit: 'audit',
  /** The post-deployment follow-up function: re-runs checks and reads metrics there. */
  followup: 'followup',
  /** The watch's start function: reads the baseline metrics. */
  watchStart: 'watch-start',
  /** The watch's evaluate function: reads the metrics once a period. */
  watchEvaluate: 'watch-evaluate',
  /** The watch's act function: rolls a release back through the member account's rollback role. */
  watchAct: 'watch-act',
} as const;

export type HubRole = keyof typeof HUB_ROLE_PURPOSES;

/** The roles a member account's audit role trusts: they read, and only read. */
export const READING_ROLES: readonly HubRole[] = ['audit', 'followup', 'watchStart', 'watchEvaluate'];
/** The roles a member account's rollback role trusts: the one that acts. */
export const ACTING_ROLES: readonly HubRole[] = ['watchAct'];

/** IAM's limit on a role name. */
export const MAX_ROLE_NAME_LENGTH = 64;

/** A role name that would not fit IAM's limit. */
export class HubRoleNameError extends Error {
  override readonly name = 'HubRoleNameError';
}

/**
 * The name of a Preflight role in `region`: `preflight-<region>-<purpose>`. The region may be a
 * token (`Stack.of(this).region` of an environment-agnostic stack): every AWS region name is short
 * enough, and a concrete one is checked here.
 * @throws HubRoleNameError when a concrete region makes the name longer than 64 characters.
 */
export function hubRoleName(role: HubRole, region: string): string {
  return roleName(HUB_ROLE_PURPOSES[role], region);
}

/**
 * The name of a check family's function role: `preflight-<region>-audit-<family>`. It reaches member
 * accounts only through the `audit` role, which they trust; the name keeps it among the named roles.
 * @throws HubRoleNameError when a concrete region makes the name longer than 64 characters.
 */
export function checkFamilyRoleName(family: string, region: string): string {
  return roleName(`${HUB_ROLE_PURPOSES.audit}-${family}`, region);
}

function roleName(purpose: string, region: string): string {
  const name = `preflight-${region}-${purpose}`;
  if (!Token.isUnresolved(region) && name.length > MAX_ROLE_NAME_LENGTH) {
    throw new HubRoleNameError(
      `The Preflight role name ${name} is ${name.length} characters; IAM allows ${MAX_ROLE_NAME_LENGTH}. Is "${region}" a region?`,
    );
  }
  return name;
}

/** Where the Preflight stacks are: the account and partition, and each region with a stack. */
export interface HubLocation {
  readonly partition: string;
  readonly account: string;
  readonly regions: readonly string[];
}

/** The ARNs of `roles` in every region of `hub`, region by region. */
export function hubRoleArns(hub: HubLocation, roles: readonly HubRole[]): string[] {
  return hub.regions.flatMap((region) =>
    roles.map((role) => `arn:${hub.partition}:iam::${hub.account}:role/${hubRoleName(role, region)}`),
  );
}
