import {
  type BackupClient,
  paginateListBackupJobs,
  paginateListProtectedResources,
  paginateListRestoreJobs,
} from '@aws-sdk/client-backup';
import type { BackupJob, ProtectedResource, RestoreJob } from '../../core/checks/backups/ports';
import { collectPages } from '../call';
import { optionalDate } from '../required';

/*
 * AWS Backup, read through three account-wide paginated list calls. Items without the ARN that
 * ties them to a database cannot be attributed to one, so they are dropped.
 */

/**
 * `{ [key]: date }` when the answer gives the date, `{}` when it leaves it out. A date that is none
 * fails the listing naming the field: these listings are looked up for other resources, so an item
 * left out would judge its database as unprotected.
 */
function optionalAt<K extends string>(
  action: string,
  field: string,
  key: K,
  value: unknown,
): { [key in K]?: Date } {
  const date = optionalDate(action, field, value);
  return date === undefined ? {} : ({ [key]: date } as { [key in K]?: Date });
}

/** Every resource AWS Backup reports as protected, however it was selected (tags included). */
export async function listProtectedResources(client: BackupClient): Promise<ProtectedResource[]> {
  const items = await collectPages(
    'backup:ListProtectedResources',
    paginateListProtectedResources({ client }, {}),
    (page) => page.Results,
  );
  return items.flatMap((item) =>
    item.ResourceArn === undefined
      ? []
      : [
          {
            resourceArn: item.ResourceArn,
            ...(item.ResourceType === undefined ? {} : { resourceType: item.ResourceType }),
            ...optionalAt(
              'backup:ListProtectedResources',
              'Results[].LastBackupTime',
              'lastBackupTime',
              item.LastBackupTime,
            ),
          },
        ],
  );
}

/** Every backup job created after `since`, all states: the check decides which ones matter. */
export async function listBackupJobs(client: BackupClient, since: Date): Promise<BackupJob[]> {
  const jobs = await collectPages(
    'backup:ListBackupJobs',
    paginateListBackupJobs({ client }, { ByCreatedAfter: since }),
    (page) => page.BackupJobs,
  );
  return jobs.flatMap((job) =>
    job.ResourceArn === undefined
      ? []
      : [
          {
            jobId: job.BackupJobId ?? 'unknown',
            resourceArn: job.ResourceArn,
            state: job.State ?? 'UNKNOWN',
            ...(job.StatusMessage === undefined ? {} : { statusMessage: job.StatusMessage }),
            ...optionalAt(
              'backup:ListBackupJobs',
              'BackupJobs[].CreationDate',
              'createdAt',
              job.CreationDate,
            ),
            ...optionalAt(
              'backup:ListBackupJobs',
              'BackupJobs[].CompletionDate',
              'completedAt',
              job.CompletionDate,
            ),
          },
        ],
  );
}

/** Every restore job created after `since`, restore-testing jobs included. */
export async function listRestoreJobs(client: BackupClient, since: Date): Promise<RestoreJob[]> {
  const jobs = await collectPages(
    'backup:ListRestoreJobs',
    paginateListRestoreJobs({ client }, { ByCreatedAfter: since }),
    (page) => page.RestoreJobs,
  );
  return jobs.flatMap((job) =>
    job.SourceResourceArn === undefined
      ? []
      : [
          {
            jobId: job.RestoreJobId ?? 'unknown',
            sourceResourceArn: job.SourceResourceArn,
            status: job.Status ?? 'UNKNOWN',
            ...(job.StatusMessage === undefined ? {} : { statusMessage: job.StatusMessage }),
            ...optionalAt(
              'backup:ListRestoreJobs',
              'RestoreJobs[].CreationDate',
              'createdAt',
              job.CreationDate,
            ),
            ...optionalAt(
              'backup:ListRestoreJobs',
              'RestoreJobs[].CompletionDate',
              'completedAt',
              job.CompletionDate,
            ),
            ...(job.ValidationStatus === undefined ? {} : { validationStatus: job.ValidationStatus }),
            ...(job.ValidationStatusMessage === undefined
              ? {}
              : { validationMessage: job.ValidationStatusMessage }),
            ...(job.CreatedBy?.RestoreTestingPlanArn === undefined
              ? {}
              : { restoreTestingPlanArn: job.CreatedBy.RestoreTestingPlanArn }),
          },
        ],
  );
}
