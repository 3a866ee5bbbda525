import { ACCOUNT_ID, type AccountSize, FULL_SIZE, scaled } from '../audit/account';
import { pick, seededRandom } from '../support/random';

/*
 * The simulated organization: 200 accounts in one OU, each audited in 3 regions. Sizes are skewed as
 * organizations are: one account the size of the audit benchmark's (the slowest, the fan-out floor),
 * a few mid-sized ones, and many small ones, at seeded positions in the OU's listing (the order
 * Organizations returns them in is not by size). Preflight runs in one of them (HOME, the
 * generator's account id), configured as an environment reached with its own credentials; every
 * other account through its member-account role.
 */

export const OU = 'ou-bench-00000001';
export const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;
export const EXTERNAL_ID = 'preflight-bench';
export const ROLE_NAME = 'preflight-audit';
/** Preflight's own account: the synthetic accounts' generator writes this id into every ARN. */
export const HOME = ACCOUNT_ID;
export const ACCOUNT_COUNT = 200;

/** One account of the organization and the share of the audit benchmark's account it holds. */
export interface SimulatedAccount {
  readonly id: string;
  readonly name: string;
  /** Fraction of the audit benchmark's account (5,000 secrets, 2,000 certificates, ...). */
  readonly scale: number;
}

/** How the accounts' sizes are spread: one full-size account, mid-sized ones, many small ones. */
export interface SizeMix {
  readonly large: number;
  readonly medium: { readonly count: number; readonly scale: number };
  readonly small: readonly number[];
}

export const SIZE_MIX: SizeMix = {
  large: 1,
  medium: { count: 9, scale: 0.05 },
  small: [0.002, 0.005, 0.01],
};

/** The organization's 200 accounts in the OU's listing order (seeded), HOME among them. */
export function simulatedOrganization(mix: SizeMix = SIZE_MIX): SimulatedAccount[] {
  const random = seededRandom(42);
  const accounts: SimulatedAccount[] = Array.from({ length: ACCOUNT_COUNT }, (_, i) => {
    const scale = i === 0 ? mix.large : i <= mix.medium.count ? mix.medium.scale : pick(random, mix.small);
    const id = i === ACCOUNT_COUNT - 1 ? HOME : String(200_000_000_000 + i * 7919).padStart(12, '0');
    return { id, name: `account-${i}`, scale };
  });
  // Organizations lists accounts in its own order, not by size: a seeded shuffle.
  for (let i = accounts.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [accounts[i], accounts[j]] = [accounts[j] as SimulatedAccount, accounts[i] as SimulatedAccount];
  }
  return accounts;
}

export function sizeOf(account: SimulatedAccount): AccountSize {
  return scaled(FULL_SIZE, account.scale);
}

/** The configuration the fan-out runs with: Preflight's account as an environment, the OU, 3 regions. */
export function organizationConfig() {
  return {
    environments: { home: { account: HOME, regions: [...REGIONS] } },
    organization: {
      organizationalUnits: [OU],
      regions: [...REGIONS],
      access: { roleName: ROLE_NAME, externalId: EXTERNAL_ID },
    },
  };
}
