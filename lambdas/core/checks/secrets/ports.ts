/** A secret's metadata as Secrets Manager lists it. Never the value. */
export interface SecretMetadata {
  readonly arn: string;
  readonly name: string;
  /** Key ARN, key id or alias; absent when the AWS managed key `aws/secretsmanager` encrypts it. */
  readonly kmsKeyId?: string;
  readonly rotationEnabled: boolean;
  readonly rotationRules?: {
    readonly automaticallyAfterDays?: number;
    /** `rate(...)` or `cron(...)`. */
    readonly scheduleExpression?: string;
  };
  /** Last successful rotation; absent when the secret has never rotated. */
  readonly lastRotatedDate?: Date;
  /** Last change of any kind (a new version included). */
  readonly lastChangedDate?: Date;
  readonly nextRotationDate?: Date;
  readonly createdDate?: Date;
  /** Tags by key. */
  readonly tags: Readonly<Record<string, string>>;
  /** Staging labels (`AWSCURRENT`, `AWSPENDING`, ...) by version id. */
  readonly versionStages: Readonly<Record<string, readonly string[]>>;
  /** The AWS service that created and manages the secret (`rds`, `events`, ...); absent for your own. */
  readonly owningService?: string;
  /** The primary's region when this secret is a replica (rotation runs on the primary only). */
  readonly replicaOf?: string;
}

/** An SSM parameter's metadata as DescribeParameters returns it. Never the value. */
export interface ParameterMetadata {
  readonly name: string;
  readonly arn?: string;
  /** `String`, `StringList` or `SecureString`. */
  readonly type: string;
  /** The KMS key of a SecureString. */
  readonly keyId?: string;
  readonly lastModifiedDate?: Date;
}

/** A KMS key as DescribeKey describes it: enough to tell whether it can still decrypt. */
export interface KmsKey {
  /** The key's ARN (the secret may name it by id or alias). */
  readonly arn?: string;
  /** `Enabled`, `Disabled`, `PendingDeletion`, `PendingReplicaDeletion`, `PendingImport`, `Unavailable`, `Creating`, `Updating`. */
  readonly keyState: string;
  /** `AWS` or `CUSTOMER`. */
  readonly keyManager?: string;
  /** When a key pending deletion is deleted. */
  readonly deletionDate?: Date;
}

/** An IAM user. */
export interface IamUser {
  readonly userName: string;
  readonly arn: string;
}

/** An IAM access key's metadata. The secret access key is never available. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly userName: string;
  /** `Active`, `Inactive` or `Expired`. */
  readonly status: string;
  readonly createDate?: Date;
}

/** When and where an access key was last used; no `lastUsedDate` means never used. */
export interface AccessKeyUsage {
  readonly lastUsedDate?: Date;
  readonly serviceName?: string;
  readonly region?: string;
}

/**
 * What the secrets checks read from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface SecretsPorts {
  /** Every secret not scheduled for deletion. */
  listSecrets(): Promise<SecretMetadata[]>;
  /** One KMS key's state, by the key id, key ARN or alias a secret names. */
  describeKey(keyId: string): Promise<KmsKey>;
  /** Every SSM parameter in the region. */
  listParameters(): Promise<ParameterMetadata[]>;
  /** Every IAM user in the account. */
  listUsers(): Promise<IamUser[]>;
  /** The user's access keys; an entry that cannot be read is set aside as that key's own ERROR. */
  listAccessKeys(user: IamUser): Promise<AccessKey[]>;
  getAccessKeyLastUsed(accessKeyId: string): Promise<AccessKeyUsage>;
  /** The account's root user, named by its ARN (`arn:aws:iam::<account>:root`). */
  rootUser(): Promise<IamUser>;
  /** How many access keys the root user has (IAM's account summary, `AccountAccessKeysPresent`). */
  countRootAccessKeys(): Promise<number>;
}
