import {
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { explainError } from '../core/errors';
import type { ListingProblem, OrganizationAccount, OrganizationListing } from '../core/fanout/plan';
import { collectPages } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/*
 * The accounts of some OUs, as AWS Organizations lists them to its management account or to an
 * account it delegated the list actions to. Every list is paginated to the end (Organizations may
 * return an empty page with a NextToken: the paginator follows the token, not the page size).
 * An OU that cannot be listed is a problem of that OU, reported; the others are still listed.
 */

/** Organizations' largest page for both list calls. */
export const ORGANIZATIONS_PAGE_SIZE = 20;

/** Organizations is a global service, served from us-east-1 in the aws partition. */
export function createOrganizationsClient(options: AwsClientOptions = {}): OrganizationsClient {
  return new OrganizationsClient(clientConfig({ region: 'us-east-1', ...options }));
}

async function accountsOf(client: OrganizationsClient, parent: string): Promise<OrganizationAccount[]> {
  const accounts = await collectPages(
    'organizations:ListAccountsForParent',
    paginateListAccountsForParent(
      { client, pageSize: ORGANIZATIONS_PAGE_SIZE },
      { ParentId: parent, MaxResults: ORGANIZATIONS_PAGE_SIZE },
    ),
    (page) => page.Accounts,
  );
  return accounts.flatMap((account) =>
    account.Id === undefined
      ? []
      : [
          {
            id: account.Id,
            ...(account.Name === undefined ? {} : { name: account.Name }),
            // `Status` is retired in favour of `State`; an account saying neither is not ACTIVE.
            state: account.State ?? account.Status ?? 'UNKNOWN',
            parent,
          },
        ],
  );
}

async function childUnitsOf(client: OrganizationsClient, parent: string): Promise<string[]> {
  const units = await collectPages(
    'organizations:ListOrganizationalUnitsForParent',
    paginateListOrganizationalUnitsForParent(
      { client, pageSize: ORGANIZATIONS_PAGE_SIZE },
      { ParentId: parent, MaxResults: ORGANIZATIONS_PAGE_SIZE },
    ),
    (page) => page.OrganizationalUnits,
  );
  return units.flatMap((unit) => (unit.Id === undefined ? [] : [unit.Id]));
}

const DELEGATION =
  'Preflight lists accounts from the management account or from an account the management account delegated organizations:ListAccountsForParent and organizations:ListOrganizationalUnitsForParent to; check the OU id in organization.organizationalUnits.';

function problemOf(parent: string, what: 'accounts' | 'children', error: unknown): ListingProblem {
  const { message, remediation } = explainError(error);
  return {
    parent,
    message:
      what === 'accounts'
        ? `The accounts of ${parent} could not be listed. ${message}`
        : `The OUs below ${parent} could not be listed, so their accounts were not audited. ${message}`,
    remediation: `${remediation} ${DELEGATION}`,
  };
}

/**
 * Every account of `parents` (and, with `includeChildUnits`, of every OU below them), each OU
 * listed once, in the order found. A listing that fails is a problem of that OU (its accounts, or
 * the OUs below it); everything else is still listed.
 */
export async function listOrganization(
  client: OrganizationsClient,
  parents: readonly string[],
  options: { readonly includeChildUnits: boolean },
): Promise<OrganizationListing> {
  const queue = [...parents];
  const units: string[] = [];
  const accounts: OrganizationAccount[] = [];
  const problems: ListingProblem[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const parent = queue.shift() as string;
    if (seen.has(parent)) continue;
    seen.add(parent);
    units.push(parent);
    try {
      accounts.push(...(await accountsOf(client, parent)));
    } catch (error) {
      problems.push(problemOf(parent, 'accounts', error));
    }
    if (!options.includeChildUnits) continue;
    try {
      queue.push(...(await childUnitsOf(client, parent)));
    } catch (error) {
      problems.push(problemOf(parent, 'children', error));
    }
  }
  return { units, accounts, problems };
}
