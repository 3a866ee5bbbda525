import {
  GetAccessKeyLastUsedCommand,
  type IAMClient,
  paginateListAccessKeys,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import type { AccessKey, AccessKeyUsage, IamUser } from '../../core/checks/secrets/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate, required } from '../required';

const LIST_USERS = 'iam:ListUsers';
const LIST_ACCESS_KEYS = 'iam:ListAccessKeys';
const GET_ACCESS_KEY_LAST_USED = 'iam:GetAccessKeyLastUsed';

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

/** One user's access keys (metadata only; the secret half is never retrievable). */
export async function listAccessKeys(client: IAMClient, userName: string): Promise<AccessKey[]> {
  const keys = await collectPages(
    LIST_ACCESS_KEYS,
    paginateListAccessKeys({ client }, { UserName: userName }),
    (page) => page.AccessKeyMetadata,
  );
  return keys.map((key) => ({
    accessKeyId: required(LIST_ACCESS_KEYS, 'AccessKeyMetadata.AccessKeyId', key.AccessKeyId),
    userName: key.UserName ?? userName,
    status: required(LIST_ACCESS_KEYS, 'AccessKeyMetadata.Status', key.Status),
    createDate: optionalDate(LIST_ACCESS_KEYS, 'AccessKeyMetadata.CreateDate', key.CreateDate),
  }));
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
