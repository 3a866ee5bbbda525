import {
  type AccessKeyMetadata,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  type IAMClient,
  paginateListAccessKeys,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { accessKeyResource } from '../../core/checks/secrets/access-key-settings';
import type { AccessKey, AccessKeyUsage, IamUser } from '../../core/checks/secrets/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate, required } from '../required';

const LIST_USERS = 'iam:ListUsers';
const LIST_ACCESS_KEYS = 'iam:ListAccessKeys';
const GET_ACCESS_KEY_LAST_USED = 'iam:GetAccessKeyLastUsed';
const GET_ACCOUNT_SUMMARY = 'iam:GetAccountSummary';

/** IAM writes `N/A` for the service and region of a key that was never used. */
const NOT_APPLICABLE = 'N/A';

/** Every IAM user in the account. */
export async function listUsers(client: IAMClient): Promise<IamUser[]> {
  const users = await collectPages(
    LIST_USERS,
    paginateListUsers({ client, pageSize: 1000 }, {}),
    (page) => page.Users,
  );
  return readEach(
    LIST_USERS,
    users,
    (user) => ({ arn: user.Arn, names: [user.UserName] }),
    (user) => ({
      userName: required(LIST_USERS, 'User.UserName', user.UserName),
      arn: required(LIST_USERS, 'User.Arn', user.Arn),
    }),
  );
}

/**
 * One user's access keys (metadata only; the secret half is never retrievable). An entry that
 * cannot be read is set aside as that key's own ERROR; the user's other key is still judged.
 */
export async function listAccessKeys(client: IAMClient, user: IamUser): Promise<AccessKey[]> {
  const keys = await collectPages(
    LIST_ACCESS_KEYS,
    paginateListAccessKeys({ client }, { UserName: user.userName }),
    (page) => page.AccessKeyMetadata,
  );
  return readEach(
    LIST_ACCESS_KEYS,
    keys,
    (key) => ({
      arn:
        typeof key.AccessKeyId === 'string'
          ? accessKeyResource(user, { accessKeyId: key.AccessKeyId })
          : user.arn,
      names: [user.userName],
    }),
    (key: AccessKeyMetadata) => ({
      accessKeyId: required(LIST_ACCESS_KEYS, 'AccessKeyMetadata.AccessKeyId', key.AccessKeyId),
      userName: key.UserName ?? user.userName,
      status: required(LIST_ACCESS_KEYS, 'AccessKeyMetadata.Status', key.Status),
      createDate: optionalDate(LIST_ACCESS_KEYS, 'AccessKeyMetadata.CreateDate', key.CreateDate),
    }),
  );
}

/**
 * How many access keys the root user has, from the account summary: the one read that tells it
 * without the credential report (which would need a generate-then-poll and carries far more).
 */
export async function countRootAccessKeys(client: IAMClient): Promise<number> {
  const output = await callAws(GET_ACCOUNT_SUMMARY, () => client.send(new GetAccountSummaryCommand({})));
  const summary = required(GET_ACCOUNT_SUMMARY, 'SummaryMap', output.SummaryMap);
  const present = required(
    GET_ACCOUNT_SUMMARY,
    'SummaryMap.AccountAccessKeysPresent',
    summary.AccountAccessKeysPresent,
  );
  return present;
}

/** When and where a key last signed a request; no date means never. */
export async function getAccessKeyLastUsed(client: IAMClient, accessKeyId: string): Promise<AccessKeyUsage> {
  const output = await callAws(GET_ACCESS_KEY_LAST_USED, () =>
    client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
  );
  // Always in the answer (with no date when the key was never used): without it, nothing is known.
  const lastUsed = required(GET_ACCESS_KEY_LAST_USED, 'AccessKeyLastUsed', output.AccessKeyLastUsed);
  const lastUsedDate = optionalDate(
    GET_ACCESS_KEY_LAST_USED,
    'AccessKeyLastUsed.LastUsedDate',
    lastUsed.LastUsedDate,
  );
  return {
    ...(lastUsedDate === undefined ? {} : { lastUsedDate }),
    serviceName: applicable(lastUsed.ServiceName),
    region: applicable(lastUsed.Region),
  };
}

function applicable(value: string | undefined): string | undefined {
  return value === undefined || value === NOT_APPLICABLE ? undefined : value;
}
