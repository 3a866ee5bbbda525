/*
 * What the database-backups check reads from an account, as plain data.
 * Adapters (lambdas/aws/backups) and the sample account (lambdas/sample/backups.ts) implement it.
 */

/** The kinds of database the check inventories. */
export type DatabaseKind = 'rds-instance' | 'rds-cluster' | 'dynamodb-table';

/** RDS / Aurora automated backups, as DescribeDBInstances / DescribeDBClusters report them. */
export interface RetentionBackupState {
  readonly kind: 'retention';
  /** Automated backup retention in days; 0 means automated backups are disabled. */
  readonly retentionDays: number;
  readonly latestRestorableTime?: Date;
}

/** DynamoDB point-in-time recovery, as DescribeContinuousBackups reports it. */
export interface PitrBackupState {
  readonly kind: 'pitr';
  readonly enabled: boolean;
  /** How far back PITR can restore (1 to 35 days). */
  readonly recoveryPeriodDays?: number;
  readonly latestRestorableTime?: Date;
}

/** The native backup settings could not be read for this one resource (e.g. access denied). */
export interface UnreadableBackupState {
  readonly kind: 'unreadable';
  /** What the read threw; explained with `explainError`. */
  readonly error: unknown;
}

export type NativeBackupState = RetentionBackupState | PitrBackupState | UnreadableBackupState;

/** One database and its native backup settings. */
export interface DatabaseResource {
  readonly kind: DatabaseKind;
  /** The resource ARN, the same string AWS Backup uses as ResourceArn. */
  readonly arn: string;
  readonly name: string;
  /** e.g. `postgres`, `aurora-postgresql`, `dynamodb`. */
  readonly engine: string;
  /** Set on an instance that is a member of a cluster: the cluster is judged instead. */
  readonly clusterId?: string;
  /** Set on a read replica: its source is judged instead. */
  readonly replicaSourceId?: string;
  /** RDS's status of an instance or cluster (`available`, `stopped`, `stopping`, ...); absent for tables. */
  readonly status?: string;
  readonly native: NativeBackupState;
}

/** A resource AWS Backup reports as protected (ListProtectedResources), tag-based selections included. */
export interface ProtectedResource {
  readonly resourceArn: string;
  readonly resourceType?: string;
  readonly lastBackupTime?: Date;
}

/** One AWS Backup backup job (ListBackupJobs). */
export interface BackupJob {
  readonly jobId: string;
  readonly resourceArn: string;
  /** CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED or PARTIAL. */
  readonly state: string;
  readonly statusMessage?: string;
  readonly createdAt?: Date;
  readonly completedAt?: Date;
}

/** One AWS Backup restore job (ListRestoreJobs), restore-testing jobs included. */
export interface RestoreJob {
  readonly jobId: string;
  readonly sourceResourceArn: string;
  /** PENDING, RUNNING, COMPLETED, ABORTED or FAILED. */
  readonly status: string;
  readonly statusMessage?: string;
  readonly createdAt?: Date;
  readonly completedAt?: Date;
  /** SUCCESSFUL, FAILED, TIMED_OUT or VALIDATING; absent when no validation was reported. */
  readonly validationStatus?: string;
  readonly validationMessage?: string;
  /** Set when a restore testing plan started the job. */
  readonly restoreTestingPlanArn?: string;
}

/** What the backups check reads from an account. Each method may throw; the check fails closed. */
export interface BackupsPorts {
  /** Every RDS DB instance, cluster members and read replicas included (the check skips them). */
  listRdsInstances(): Promise<DatabaseResource[]>;
  /** Every RDS DB cluster (Aurora, Multi-AZ DB clusters). */
  listRdsClusters(): Promise<DatabaseResource[]>;
  /**
   * Every DynamoDB table `include` keeps (all by default); a table whose PITR state could not be read
   * carries `native.kind: 'unreadable'`. Tables left out are never described.
   */
  listDynamoDbTables(
    include?: (table: { readonly arn: string; readonly name: string }) => boolean,
  ): Promise<DatabaseResource[]>;
  listProtectedResources(): Promise<ProtectedResource[]>;
  /** Backup jobs created after `since`. */
  listBackupJobs(since: Date): Promise<BackupJob[]>;
  /** Restore jobs created after `since`. */
  listRestoreJobs(since: Date): Promise<RestoreJob[]>;
}
