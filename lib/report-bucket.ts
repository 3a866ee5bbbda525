import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PreflightKey } from './preflight-key';

export interface ReportBucketProps {
  /** Days reports, check results and sign-off requests are kept. */
  readonly retentionDays: number;
  /** Days a replaced or deleted object's previous version is kept. @default 30 */
  readonly noncurrentVersionDays?: number;
}

/**
 * The object actions Preflight uses; nothing else is ever granted on the bucket. The multipart ones
 * are the Distributed Map's ResultWriter's, which may export its results in parts.
 */
export type ObjectAction =
  | 's3:GetObject'
  | 's3:PutObject'
  | 's3:ListMultipartUploadParts'
  | 's3:AbortMultipartUpload';

/** The KMS action each object action needs on the bucket's key (none to list or abort parts). */
const KEY_ACTION: { readonly [A in ObjectAction]: string | undefined } = {
  's3:GetObject': 'kms:Decrypt',
  's3:PutObject': 'kms:GenerateDataKey',
  's3:ListMultipartUploadParts': undefined,
  's3:AbortMultipartUpload': undefined,
};

/** The report bucket as its users see it: its name, and the one way to be granted its objects. */
export interface IReportBucket {
  readonly bucket: s3.IBucket;
  /** The bucket's key, which S3 decrypts objects with for their readers. */
  readonly key: kms.IKey;
  /**
   * Lets `role` use `actions` on the objects matching `patterns` (keys such as `runs/*` or
   * `watches/*\/abort.json`, `*` matching within the run-time names), with the use of the bucket's
   * key that goes with them, and nothing else.
   */
  grantObjects(role: iam.IRole, actions: readonly ObjectAction[], patterns: readonly string[]): void;
}

/** Why neither bucket has S3 Object Lock, for the acknowledgements and docs/security-infra.md. */
const NO_OBJECT_LOCK =
  'Reports, check results and sign-off requests expire after reports.retentionDays and pending objects are rewritten in place; Object Lock cannot be turned off once on, a default retention would keep every replaced version for the whole retention, and without one it protects nothing. Versioning keeps replaced and deleted versions for a while and access logging records every write instead.';

/**
 * Where every run's full report is kept (`runs/<run id>/report.json|.md`), with the check results
 * behind it, the scheduled audit's memory of what failed, and pending sign-off requests.
 * Private, encrypted with its own key, TLS only, versioned, access logged, object events on
 * EventBridge, expired after the retention period.
 */
export class ReportBucket extends Construct implements IReportBucket {
  readonly bucket: s3.Bucket;
  /** The bucket's key: readers need kms:Decrypt on it, writers kms:GenerateDataKey, through S3. */
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: ReportBucketProps) {
    super(scope, id);
    const noncurrentVersionExpiration = Duration.days(props.noncurrentVersionDays ?? 30);
    const lifecycleRules: s3.LifecycleRule[] = [
      {
        expiration: Duration.days(props.retentionDays),
        noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
      // Once its last version has expired, the delete marker the expiry left goes too.
      { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
    ];
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // The S3 User Guide: an access log destination bucket supports default encryption with SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // ACLs off: log delivery is granted to logging.s3.amazonaws.com by the bucket policy instead.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key = new PreflightKey(this, 'Key', {
      description: 'Encrypts the Preflight report bucket',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logAccessTo(accessLogs, 'reports/');
    for (const bucket of [accessLogs, this.bucket]) {
      // Object events go to the account's default event bus, where the organization's own rules can
      // watch writes (abort requests, sign-offs); set on the resource itself, as CDK's
      // `eventBridgeEnabled` would add a custom-resource function to the stack for it.
      (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
      Validations.of(bucket).acknowledge({
        id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
        reason:
          bucket === accessLogs
            ? 'The S3 User Guide: a bucket with Object Lock cannot receive server access logs.'
            : NO_OBJECT_LOCK,
      });
    }
    const noLogOfLogs =
      "This bucket receives the report bucket's access logs; the S3 User Guide advises against logging a log destination, which would recurse.";
    Validations.of(accessLogs).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-S1', reason: noLogOfLogs },
      { id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', reason: noLogOfLogs },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
        reason:
          'The S3 User Guide: a server access log destination bucket supports default encryption with SSE-S3 only, not SSE-KMS. It holds request records, no report content.',
      },
    );
  }

  /**
   * Server access logs for the bucket, delivered by the logging service as the bucket policy allows
   * (the S3 User Guide's recommended grant, limited to this bucket and account), with no ACL: CDK's
   * `serverAccessLogsBucket` would grant log delivery by ACL unless a feature flag says otherwise.
   */
  private logAccessTo(accessLogs: s3.Bucket, prefix: string): void {
    (this.bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: accessLogs.bucketName,
      logFilePrefix: prefix,
    };
    accessLogs.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3ServerAccessLogsPolicy',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [accessLogs.arnForObjects(`${prefix}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }

  /**
   * Denies `actions` on the objects matching `patterns` to every principal but `except` (by
   * `aws:PrincipalArn`), whatever their own IAM policies allow, the account's administrators included.
   * With no exception, nobody may.
   */
  denyObjects(
    sid: string,
    actions: readonly string[],
    patterns: readonly string[],
    except: readonly iam.IRole[],
    conditions: Record<string, unknown> = {},
  ): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...actions],
        resources: patterns.map((pattern) => this.bucket.arnForObjects(pattern)),
        conditions: {
          ...conditions,
          ...(except.length === 0
            ? {}
            : { ArnNotEquals: { 'aws:PrincipalArn': except.map((role) => role.roleArn) } }),
        },
      }),
    );
  }

  /**
   * Explicit, narrow grants: the bucket's grant* helpers would add wildcard actions (s3:Abort*,
   * s3:DeleteObject*). A role that reads may also list the bucket: without ListBucket a missing
   * object reads as AccessDenied rather than as not found. The listing is not narrowed by an
   * `s3:prefix` condition because the existence check behind a GetObject carries no prefix, so such a
   * condition would turn every missing object back into AccessDenied; listing shows key names only.
   * The key may be used through S3 only, for this bucket: with a bucket key, S3 uses the bucket's ARN
   * as the encryption context.
   */
  grantObjects(role: iam.IRole, actions: readonly ObjectAction[], patterns: readonly string[]): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: patterns.map((pattern) => this.bucket.arnForObjects(pattern)),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...new Set(actions.flatMap((action) => KEY_ACTION[action] ?? []))],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': this.bucket.bucketArn,
          },
        },
      }),
    );
    if (actions.includes('s3:GetObject')) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
        }),
      );
    }
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnResource);
    Validations.of(role).acknowledge(
      ...patterns
        .filter((pattern) => pattern.includes('*'))
        .map((pattern) => ({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${pattern}]`,
          reason: `Objects matching ${pattern} are named by the run or deployment at run time; the grant is limited to that pattern.`,
        })),
    );
  }
}
