import type { FanoutSettings } from './settings';

/*
 * What the scheduled posture audit fans out over: every configured environment × region (the whole
 * account there: a posture, not a service's gate), then every ACTIVE account of the organization's
 * OUs × the organization's regions. One account and region is audited once, by its first target
 * (an environment's settings win over the organization's), and the account-wide checks (IAM) run in
 * the first region of each account only, so an account's IAM findings are judged, reported and
 * alerted once, not once per region. Planned from the fan-out's slice of the configuration
 * ({@link FanoutSettings}), so the function that plans bundles no configuration schema.
 */

/** One child of the fan-out: exactly the input a scheduled run of the audit machine takes. */
export interface FanoutItem {
  readonly mode: 'scheduled';
  readonly environment?: string;
  /** An account of the organization (reached through its member-account role). */
  readonly account?: string;
  readonly region?: string;
  /** Only these checks (the region-wide ones, in an account's other regions). @default every enabled check */
  readonly checks?: readonly string[];
}

/** A target as the summary shows it. */
export interface PlannedTarget {
  readonly item: FanoutItem;
  /** `environment` (a configured one, or Preflight's own account) or `organization`. */
  readonly source: 'environment' | 'organization';
  /** The account, when known; `undefined`: the account Preflight runs in. */
  readonly account?: string;
  readonly region?: string;
  /** In words, e.g. `prod eu-west-1` or `account 111122223333 eu-west-1`. */
  readonly label: string;
}

/** An account Organizations listed, with where it was found. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name?: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ... (`State`, or the older `Status`). */
  readonly state: string;
  /** The OU (or root) it was listed under. */
  readonly parent: string;
}

/** An OU whose accounts could not be listed: an ERROR of the organization, never a silent gap. */
export interface ListingProblem {
  readonly parent: string;
  readonly message: string;
  readonly remediation: string;
}

/** The organization as listed at run time. */
export interface OrganizationListing {
  /** Every OU (and root) listed, the configured ones and those found below them. */
  readonly units: readonly string[];
  readonly accounts: readonly OrganizationAccount[];
  readonly problems: readonly ListingProblem[];
}

export interface TargetPlan {
  /** In item order: the fan-out's child `i` audits `targets[i]`. */
  readonly targets: readonly PlannedTarget[];
  /** Listed accounts that are not ACTIVE: shown as not audited, with their state. */
  readonly notAudited: readonly OrganizationAccount[];
  readonly listing?: OrganizationListing;
}

interface Candidate {
  readonly item: FanoutItem;
  readonly source: PlannedTarget['source'];
  readonly account?: string;
  readonly region?: string;
}

function environmentCandidates(settings: FanoutSettings): Candidate[] {
  if (settings.environments.length === 0) return [{ item: { mode: 'scheduled' }, source: 'environment' }];
  return settings.environments.flatMap(({ name, account, regions }) =>
    (regions.length === 0 ? [undefined] : regions).map(
      (region): Candidate => ({
        item: { mode: 'scheduled', environment: name, ...(region === undefined ? {} : { region }) },
        source: 'environment',
        ...(account === undefined ? {} : { account }),
        ...(region === undefined ? {} : { region }),
      }),
    ),
  );
}

function organizationCandidates(settings: FanoutSettings, listing: OrganizationListing): Candidate[] {
  const regions = settings.organization?.regions ?? [];
  const seen = new Set<string>();
  return listing.accounts.flatMap((account) => {
    if (account.state !== 'ACTIVE' || seen.has(account.id)) return [];
    seen.add(account.id);
    return regions.map(
      (region): Candidate => ({
        item: { mode: 'scheduled', account: account.id, region },
        source: 'organization',
        account: account.id,
        region,
      }),
    );
  });
}

function labelOf(candidate: Candidate): string {
  const { item } = candidate;
  const who =
    item.account !== undefined
      ? `account ${item.account}`
      : item.environment !== undefined
        ? `${item.environment}${candidate.account === undefined ? '' : ` (${candidate.account})`}`
        : "Preflight's account";
  return [who, candidate.region].filter(Boolean).join(' ');
}

/**
 * The fan-out's targets, in a stable order: environments first, then the organization's accounts.
 * @param listing the organization as listed now; omitted when no organization is configured.
 */
export function planFanout(settings: FanoutSettings, listing?: OrganizationListing): TargetPlan {
  const { enabled, regionWide } = settings.checks;
  const candidates = [
    ...environmentCandidates(settings),
    ...(listing === undefined ? [] : organizationCandidates(settings, listing)),
  ];
  const judged = new Set<string>();
  const accountsSeen = new Set<string>();
  const targets: PlannedTarget[] = [];
  for (const candidate of candidates) {
    // Preflight's own account, when an environment names none, is one account too: the same one as
    // the organization lists, when the configuration says which (`home.account`).
    const accountKey = candidate.account ?? settings.home ?? 'home';
    const where = `${accountKey}@${candidate.region ?? ''}`;
    if (judged.has(where)) continue;
    judged.add(where);
    const first = !accountsSeen.has(accountKey);
    accountsSeen.add(accountKey);
    // The account-wide checks were judged in this account's first region.
    if (!first && regionWide.length === 0) continue;
    const item: FanoutItem =
      first || regionWide.length === enabled.length
        ? candidate.item
        : { ...candidate.item, checks: regionWide };
    targets.push({
      item,
      source: candidate.source,
      ...(candidate.account === undefined ? {} : { account: candidate.account }),
      ...(candidate.region === undefined ? {} : { region: candidate.region }),
      label: labelOf(candidate),
    });
  }
  return {
    targets,
    notAudited: (listing?.accounts ?? []).filter(
      (a, i, all) => a.state !== 'ACTIVE' && all.findIndex((b) => b.id === a.id) === i,
    ),
    ...(listing === undefined ? {} : { listing }),
  };
}
