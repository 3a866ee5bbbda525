import {
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listOrganization, ORGANIZATIONS_PAGE_SIZE } from '../../lambdas/aws/organization';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../support/local-aws-endpoint';

/*
 * Listing the accounts of the configured OUs: every page (an empty page with a NextToken included),
 * every OU below once, and each way a listing fails kept as a problem of that OU while the others
 * are still listed. Throttling goes through the real SDK's retry against a local endpoint.
 */

const ROOT_OU = 'ou-ab12-11111111';
const CHILD = 'ou-ab12-22222222';
const GRANDCHILD = 'ou-ab12-33333333';
const account = (id: string, state = 'ACTIVE') => ({ Id: id, Name: `n-${id}`, State: state });
const denied = (action: string) =>
  Object.assign(new Error(`You don't have permissions to access this resource (${action}).`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });

describe('listOrganization with the Organizations client stubbed', () => {
  // Stubbed here only: the next block talks to a real endpoint through the same client class.
  let organizations: AwsClientStub<OrganizationsClient>;
  const client = new OrganizationsClient({ region: 'us-east-1' });
  beforeAll(() => {
    organizations = mockClient(OrganizationsClient);
  });
  afterAll(() => organizations.restore());
  beforeEach(() => organizations.reset());

  function tree(fail: Record<string, { accounts?: Error; children?: Error }> = {}) {
    const children: Record<string, string[]> = { [ROOT_OU]: [CHILD], [CHILD]: [GRANDCHILD, ROOT_OU] };
    organizations
      .on(ListOrganizationalUnitsForParentCommand)
      .callsFake(async (input: { ParentId: string; NextToken?: string }) => {
        const error = fail[input.ParentId]?.children;
        if (error) throw error;
        const ids = children[input.ParentId] ?? [];
        // Each OU's children come one per page, the first page empty.
        const page = input.NextToken === undefined ? 0 : Number(input.NextToken);
        const next = page < ids.length ? String(page + 1) : undefined;
        return {
          OrganizationalUnits: page === 0 ? [] : [{ Id: ids[page - 1] }],
          ...(next === undefined ? {} : { NextToken: next }),
        };
      });
    organizations
      .on(ListAccountsForParentCommand)
      .callsFake(async (input: { ParentId: string; NextToken?: string }) => {
        const error = fail[input.ParentId]?.accounts;
        if (error) throw error;
        if (input.ParentId === ROOT_OU) {
          return input.NextToken === undefined
            ? { Accounts: [account('111111111111')], NextToken: 'two' }
            : input.NextToken === 'two'
              ? { Accounts: [], NextToken: 'three' }
              : { Accounts: [{ Id: '222222222222', Status: 'ACTIVE' }] };
        }
        if (input.ParentId === CHILD) return { Accounts: [account('333333333333', 'SUSPENDED')] };
        return { Accounts: [account('444444444444')] };
      });
  }

  it('follows every page, an empty one with a NextToken included, asking for the largest page', async () => {
    tree();
    const listing = await listOrganization(client, [ROOT_OU], { includeChildUnits: false });
    expect(listing).toEqual({
      units: [ROOT_OU],
      accounts: [
        { id: '111111111111', name: 'n-111111111111', state: 'ACTIVE', parent: ROOT_OU },
        { id: '222222222222', state: 'ACTIVE', parent: ROOT_OU },
      ],
      problems: [],
    });
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsForParentCommand, 3);
    expect(organizations).toHaveReceivedCommandWith(ListAccountsForParentCommand, {
      MaxResults: ORGANIZATIONS_PAGE_SIZE,
    });
    expect(organizations).not.toHaveReceivedCommand(ListOrganizationalUnitsForParentCommand);
  });

  it('lists every OU below once, however the configuration or the tree repeats one', async () => {
    tree();
    const listing = await listOrganization(client, [ROOT_OU, CHILD], { includeChildUnits: true });
    expect(listing.units).toEqual([ROOT_OU, CHILD, GRANDCHILD]);
    expect(listing.accounts.map((a) => `${a.id} ${a.state} ${a.parent}`)).toEqual([
      `111111111111 ACTIVE ${ROOT_OU}`,
      `222222222222 ACTIVE ${ROOT_OU}`,
      `333333333333 SUSPENDED ${CHILD}`,
      `444444444444 ACTIVE ${GRANDCHILD}`,
    ]);
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsForParentCommand, 5);
  });

  it.each([
    ['access denied', denied('organizations:ListAccountsForParent'), /was denied \(AccessDeniedException\)/],
    [
      'an OU that does not exist',
      Object.assign(new Error('The specified OU does not exist'), { name: 'ParentNotFoundException' }),
      /ParentNotFoundException/,
    ],
    [
      'not the management account nor a delegated one',
      Object.assign(new Error('Your account is not a member of an organization.'), {
        name: 'AWSOrganizationsNotInUseException',
      }),
      /AWSOrganizationsNotInUseException/,
    ],
  ])(
    'keeps %s listing one OU’s accounts as that OU’s problem, and lists the others',
    async (_name, error, message) => {
      tree({ [CHILD]: { accounts: error } });
      const listing = await listOrganization(client, [ROOT_OU], { includeChildUnits: true });
      expect(listing.problems).toHaveLength(1);
      expect(listing.problems[0]?.parent).toBe(CHILD);
      expect(listing.problems[0]?.message).toMatch(`The accounts of ${CHILD} could not be listed.`);
      expect(listing.problems[0]?.message).toMatch(message);
      expect(listing.problems[0]?.remediation).toMatch(/delegated organizations:ListAccountsForParent/);
      expect(listing.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222', '444444444444']);
    },
  );

  it('keeps an OU whose children cannot be listed as a problem, with its own accounts listed', async () => {
    tree({ [ROOT_OU]: { children: denied('organizations:ListOrganizationalUnitsForParent') } });
    const listing = await listOrganization(client, [ROOT_OU], { includeChildUnits: true });
    expect(listing.units).toEqual([ROOT_OU]);
    expect(listing.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(listing.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        `The OUs below ${ROOT_OU} could not be listed, so their accounts were not audited.`,
      ),
    ]);
  });
});

describe('listOrganization through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: OrganizationsClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AWSOrganizationsV20161128' });
    client = new OrganizationsClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  const tooMany = () =>
    awsJsonReply.error(
      'TooManyRequestsException',
      'AWS Organizations can’t complete your request because another request is already in progress.',
    );

  it('retries Organizations’ throttling and collects every page', async () => {
    endpoint.script(
      'ListAccountsForParent',
      tooMany(),
      awsJsonReply.ok({ Accounts: [account('111111111111')], NextToken: 'p2' }),
      tooMany(),
      awsJsonReply.ok({ Accounts: [account('222222222222')] }),
    );
    const listing = await listOrganization(client, [ROOT_OU], { includeChildUnits: false });
    expect(listing.problems).toEqual([]);
    expect(listing.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(endpoint.callsTo('ListAccountsForParent').map((c) => c.body)).toEqual([
      { ParentId: ROOT_OU, MaxResults: 20 },
      { ParentId: ROOT_OU, MaxResults: 20 },
      { ParentId: ROOT_OU, MaxResults: 20, NextToken: 'p2' },
      { ParentId: ROOT_OU, MaxResults: 20, NextToken: 'p2' },
    ]);
  });

  it('reports an OU still throttled after the retries as a problem, never as an OU without accounts', async () => {
    endpoint.script('ListAccountsForParent', tooMany(), tooMany(), tooMany(), tooMany());
    const listing = await listOrganization(client, [ROOT_OU], { includeChildUnits: false });
    expect(listing.accounts).toEqual([]);
    expect(listing.problems[0]?.message).toMatch(
      /ListAccountsForParent stayed throttled after retries \(TooManyRequestsException\)/,
    );
  });
});
