import type { AssumeRoleCommandInput, AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { TEST_ACCOUNT } from '../harness/asl';

/*
 * IAM as the audit's check functions meet it: each family's function assumes the stack's reach role
 * first (the harness gives it `arn:aws:iam::<account>:role/<logical id>`), and a member account's
 * role trusts only that role, so it may be assumed only with the reach role's session.
 */

/** The access key of the reach role's session. */
export const REACH_KEY = 'ASIAREACH';

type ClientWithCredentials = () => { config: { credentials: () => Promise<{ accessKeyId: string }> } };

/** True when `roleArn` is the stack's reach role (the audit's named role) as the harness names it. */
export const isReachRole = (roleArn: string | undefined) =>
  roleArn?.startsWith(`arn:aws:iam::${TEST_ACCOUNT}:role/AuditRunCheckRole`) === true;

/** The reach role's session, for any caller of the stack's own account. */
export function reachRoleSession(expiration: Date): Partial<AssumeRoleCommandOutput> {
  return {
    Credentials: {
      AccessKeyId: REACH_KEY,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: expiration,
    },
  };
}

/** True when the AssumeRole call is signed with the reach role's session. */
export async function signedByReachRole(getClient: unknown): Promise<boolean> {
  const credentials = await (getClient as ClientWithCredentials)().config.credentials();
  return credentials.accessKeyId === REACH_KEY;
}

/** A refusal as STS words it. */
export function notAuthorized(input: Pick<AssumeRoleCommandInput, 'RoleArn'>): Error {
  return Object.assign(
    new Error(`User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`),
    { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
  );
}
