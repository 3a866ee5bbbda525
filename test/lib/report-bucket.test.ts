import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportBucket } from '../../lib/report-bucket';
import { allowedActions, ofType, resolved, roleStatements } from '../support/template-policies';

/*
 * The report bucket as Control Tower's proactive controls want it: a customer-managed key with a
 * bucket key, versions kept for a while, object events on EventBridge, access logs into a bucket
 * that needs no ACL. And a grant of its objects carries the key use that goes with it.
 */

function bucketStack() {
  const app = new App();
  const stack = new Stack(app, 'Reports');
  const reports = new ReportBucket(stack, 'Reports', { retentionDays: 30 });
  const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
  const writer = new iam.Role(stack, 'Writer', { assumedBy: new iam.AccountRootPrincipal() });
  reports.grantObjects(reader, ['s3:GetObject'], ['runs/*']);
  reports.grantObjects(writer, ['s3:PutObject'], ['runs/*']);
  const template = Template.fromStack(stack);
  const id = (c: iam.Role) => stack.getLogicalId(c.node.defaultChild as iam.CfnRole);
  return { stack, reports, template, reader: id(reader), writer: id(writer) };
}

describe('report bucket', () => {
  let built: ReturnType<typeof bucketStack>;
  beforeAll(() => {
    built = bucketStack();
  });

  it('encrypts with its own rotated key and a bucket key', () => {
    const { template, stack, reports } = built;
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: stack.resolve(reports.key.keyArn),
            },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('keeps versions, expiring replaced ones and reports after the retention', () => {
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
        ]),
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  it('logs access into a versioned bucket that grants the logging service by policy, not by ACL', () => {
    const { template } = built;
    const buckets = ofType(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties?.AccessControl).toBeUndefined();
      expect(bucket.Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: Match.absent(),
    });
  });

  it('lets a role that reads objects decrypt them through S3 only, and one that writes only encrypt', () => {
    const { template, reader, writer, stack, reports } = built;
    expect(allowedActions(template, reader)).toEqual(['kms:Decrypt', 's3:GetObject', 's3:ListBucket']);
    expect(allowedActions(template, writer)).toEqual(['kms:GenerateDataKey', 's3:PutObject']);
    for (const role of [reader, writer]) {
      const kms = roleStatements(template, role).filter((s) =>
        [s.Action].flat().some((a) => String(a).startsWith('kms:')),
      );
      expect(kms).toHaveLength(1);
      expect(resolved(kms[0]?.Resource)).toBe(resolved(stack.resolve(reports.key.keyArn)));
      expect(resolved(kms[0]?.Condition)).toEqual({
        StringEquals: {
          'kms:ViaService': 's3.us-east-1.amazonaws.com',
          'kms:EncryptionContext:aws:s3:arn': resolved(stack.resolve(reports.bucket.bucketArn)),
        },
      });
    }
  });
});
