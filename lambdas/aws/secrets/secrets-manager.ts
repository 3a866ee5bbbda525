import {
  paginateListSecrets,
  type SecretListEntry,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SecretMetadata } from '../../core/checks/secrets/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate, required } from '../required';

const LIST_SECRETS = 'secretsmanager:ListSecrets';

/**
 * Every secret not scheduled for deletion, from ListSecrets alone: its entries already carry the
 * rotation state, KMS key, tags and version stages, so no per-secret call (and never a value read)
 * is needed.
 */
export async function listSecrets(client: SecretsManagerClient): Promise<SecretMetadata[]> {
  const entries = await collectPages(
    LIST_SECRETS,
    paginateListSecrets({ client, pageSize: 100 }, { IncludePlannedDeletion: false }),
    (page) => page.SecretList,
  );
  return readEach(
    LIST_SECRETS,
    entries,
    (entry) => ({ arn: entry.ARN, names: [entry.Name] }),
    toSecretMetadata,
  );
}

function toSecretMetadata(entry: SecretListEntry): SecretMetadata {
  const name = required(LIST_SECRETS, 'SecretListEntry.Name', entry.Name);
  return {
    arn: entry.ARN ?? name,
    name,
    kmsKeyId: entry.KmsKeyId,
    rotationEnabled: entry.RotationEnabled === true,
    rotationRules:
      entry.RotationRules === undefined
        ? undefined
        : {
            automaticallyAfterDays: entry.RotationRules.AutomaticallyAfterDays,
            scheduleExpression: entry.RotationRules.ScheduleExpression,
          },
    lastRotatedDate: optionalDate(LIST_SECRETS, 'SecretListEntry.LastRotatedDate', entry.LastRotatedDate),
    lastChangedDate: optionalDate(LIST_SECRETS, 'SecretListEntry.LastChangedDate', entry.LastChangedDate),
    nextRotationDate: optionalDate(LIST_SECRETS, 'SecretListEntry.NextRotationDate', entry.NextRotationDate),
    createdDate: optionalDate(LIST_SECRETS, 'SecretListEntry.CreatedDate', entry.CreatedDate),
    tags: Object.fromEntries(
      (entry.Tags ?? []).flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? '']] : [])),
    ),
    versionStages: entry.SecretVersionsToStages ?? {},
    ...(entry.OwningService === undefined || entry.OwningService === ''
      ? {}
      : { owningService: entry.OwningService }),
    ...replicaOf(entry),
  };
}

/**
 * `{ replicaOf: region }` when the entry is a replica: its `PrimaryRegion` is not the region in its
 * own ARN. A primary lists its own region (or none, when it was never replicated).
 */
function replicaOf(entry: SecretListEntry): { replicaOf?: string } {
  const primary = entry.PrimaryRegion;
  const region = entry.ARN?.split(':')[3];
  if (primary === undefined || primary === '' || region === undefined || region === '') return {};
  return primary === region ? {} : { replicaOf: primary };
}
