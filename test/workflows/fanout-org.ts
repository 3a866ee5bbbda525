import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { stubHealthyAccount } from '../support/account-stubs';
import { isReachRole, reachRoleSession, signedByReachRole } from '../support/reach-role';
import { NOW } from './audit-machine';

/*
 * A small organization behind the SDK stubs, answering per account (the credentials the client
 * holds) and per region: Preflight's own account (environment prod), Alpha (an OU member whose role
 * can be assumed, with a certificate about to expire in eu-west-1), Beta (an OU member whose role
 * cannot be assumed) and Gamma (suspended, in a child OU). Organizations lists them in pages, one
 * of them empty with a NextToken, as the API may.
 */

export const OWN = '123456789012';
export const ALPHA = '111111111111';
export const BETA = '222222222222';
export const GAMMA = '333333333333';
export const OU = 'ou-ab12-11111111';
export const CHILD_OU = 'ou-ab12-22222222';
export const EXTERNAL_ID = 'preflight-org';
const KEYS: Readonly<Record<string, string>> = { ASIAALPHA: ALPHA };

export const ORG_CONFIG: PreflightConfigInput = {
  environments: { prod: { account: OWN, regions: ['us-east-1', 'eu-west-1'] } },
  organization: {
    organizationalUnits: [OU],
    regions: ['us-east-1', 'eu-west-1'],
    access: { externalId: EXTERNAL_ID },
  },
};

export const certArn = (region: string, account: string, id: string) =>
  `arn:aws:acm:${region}:${account}:certificate/${id}`;

type ClientOf = () => {
  config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> };
};

/** The account and region a stubbed client reaches: an assumed role's keys name its account. */
export async function whereIs(getClient: ClientOf) {
  const client = getClient();
  const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
  return { region, account: KEYS[credentials.accessKeyId] ?? OWN };
}

export function stubOrganization() {
  const account = stubHealthyAccount(NOW);
  const organizations = mockClient(OrganizationsClient);
  const days = account.days;
  const assumed: Array<{ RoleArn: string; ExternalId?: string }> = [];

  const install = () => {
    account.install();
    organizations.reset();
    assumed.length = 0;
    account.mocks.sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      const { account: id } = await whereIs(getClient as ClientOf);
      return { Account: id, Arn: `arn:aws:sts::${id}:assumed-role/preflight/x` };
    });
    account.mocks.sts
      .on(AssumeRoleCommand)
      .callsFake(async (input: { RoleArn: string; ExternalId?: string }, getClient) => {
        // The check functions' first hop; a member role trusts only the reach role's session.
        if (isReachRole(input.RoleArn)) return reachRoleSession(days(1));
        assumed.push(input);
        if (
          input.RoleArn === `arn:aws:iam::${ALPHA}:role/preflight-audit` &&
          input.ExternalId === EXTERNAL_ID &&
          (await signedByReachRole(getClient))
        ) {
          return {
            Credentials: {
              AccessKeyId: 'ASIAALPHA',
              SecretAccessKey: 'secret',
              SessionToken: 'token',
              Expiration: days(1),
            },
          };
        }
        throw Object.assign(
          new Error(
            `User: arn:aws:sts::${OWN}:assumed-role/preflight is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
          ),
          { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
        );
      });
    account.mocks.acm.on(ListCertificatesCommand).callsFake(async (_input, getClient) => {
      const { region, account: id } = await whereIs(getClient as ClientOf);
      const expiring = id === ALPHA && region === 'eu-west-1';
      return {
        CertificateSummaryList: [
          {
            CertificateArn: certArn(region, id, expiring ? 'expiring' : 'healthy'),
            DomainName: `${id}.example.com`,
            Type: 'IMPORTED',
            Status: 'ISSUED',
            InUse: true,
            KeyAlgorithm: 'RSA_2048',
            NotAfter: days(expiring ? 3 : 200),
          },
        ],
      };
    });
    organizations
      .on(ListOrganizationalUnitsForParentCommand)
      .callsFake(async (input: { ParentId: string; NextToken?: string }) => {
        if (input.ParentId !== OU) return { OrganizationalUnits: [] };
        // An empty page that still has more: only the token says so.
        return input.NextToken === undefined
          ? { OrganizationalUnits: [], NextToken: 'units-2' }
          : { OrganizationalUnits: [{ Id: CHILD_OU, Name: 'Suspended' }] };
      });
    organizations
      .on(ListAccountsForParentCommand)
      .callsFake(async (input: { ParentId: string; NextToken?: string }) => {
        if (input.ParentId === CHILD_OU) {
          return { Accounts: [{ Id: GAMMA, Name: 'Gamma', State: 'SUSPENDED', Status: 'SUSPENDED' }] };
        }
        if (input.ParentId !== OU) return { Accounts: [] };
        return input.NextToken === undefined
          ? { Accounts: [{ Id: ALPHA, Name: 'Alpha', State: 'ACTIVE' }], NextToken: 'accounts-2' }
          : { Accounts: [{ Id: BETA, Name: 'Beta', Status: 'ACTIVE' }] };
      });
  };
  install();
  const restore = () => {
    account.restore();
    organizations.restore();
  };
  return { account, organizations, assumed, install, restore };
}
