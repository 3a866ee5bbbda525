import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ReportBucketProps {
  /** Days reports, check results and sign-off requests are kept. */
  readonly retentionDays: number;
}

/** The object actions Preflight's functions use; nothing else is ever granted on the bucket. */
export type ObjectAction = 's3:GetObject' | 's3:PutObject';

/** The report bucket as its users see it: its name, and the one way to be granted its objects. */
export interface IReportBucket {
  readonly bucket: s3.IBucket;
  /**
   * Lets `role` use `actions` on the objects matching `patterns` (keys such as `runs/*` or
   * `watches/*\/abort.json`, `*` matching within the run-time names), and nothing else.
   */
  grantObjects(role: iam.IRole, actions: readonly ObjectAction[], patterns: readonly string[]): void;
}

/**
 * Where every run's full report is kept (`runs/<run id>/report.json|.md`), with the check results
 * behind it, the scheduled audit's memory of what failed, and pending sign-off requests.
 * Private, encrypted, TLS only, access logged, expired after the retention period.
 */
export class ReportBucket extends Construct implements IReportBucket {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ReportBucketProps) {
    super(scope, id);
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: "This bucket receives the report bucket's access logs; logging it would recurse.",
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Explicit, narrow grants: the bucket's grant* helpers would add wildcard actions (s3:Abort*,
   * s3:DeleteObject*). A role that reads may also list the bucket: without ListBucket a missing
   * object reads as AccessDenied rather than as not found. The listing is not narrowed by an
   * `s3:prefix` condition because the existence check behind a GetObject carries no prefix, so such a
   * condition would turn every missing object back into AccessDenied; listing shows key names only.
   */
  grantObjects(role: iam.IRole, actions: readonly ObjectAction[], patterns: readonly string[]): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: patterns.map((pattern) => this.bucket.arnForObjects(pattern)),
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
