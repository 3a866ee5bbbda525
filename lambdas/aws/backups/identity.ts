import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { callAws } from '../call';

/** The partition and account the credentials belong to, to build ARNs that list calls do not return. */
export interface AccountIdentity {
  readonly partition: string;
  readonly accountId: string;
}

/** Thrown when STS answers without the account or ARN it always sends. */
export class IncompleteCallerIdentityError extends Error {
  override readonly name = 'IncompleteCallerIdentityError';
}

/** Reads the caller identity (sts:GetCallerIdentity needs no permission and cannot be denied by policy). */
export async function callerIdentity(client: STSClient): Promise<AccountIdentity> {
  const response = await callAws('sts:GetCallerIdentity', () =>
    client.send(new GetCallerIdentityCommand({})),
  );
  const partition = response.Arn?.split(':')[1];
  if (response.Account === undefined || partition === undefined || partition === '') {
    throw new IncompleteCallerIdentityError('sts:GetCallerIdentity returned no Account or Arn');
  }
  return { partition, accountId: response.Account };
}
