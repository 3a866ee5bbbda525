import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { PreflightKey } from './preflight-key';

/** The least retention Control Tower accepts (CT.CLOUDWATCH.PR.2). */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

const KEY_ID = 'LogsKey';

/**
 * The stack's key for its log groups, created once. CloudWatch Logs encrypts with it as its regional
 * service principal, as the CloudWatch Logs User Guide ("Encrypt log data in CloudWatch Logs using
 * AWS KMS") has the key policy say, and only for log groups of this account and region (its
 * `kms:EncryptionContext:aws:logs:arn` condition). Functions and state machines need no key access:
 * CloudWatch Logs encrypts what they write.
 */
export function logsKey(scope: Construct): PreflightKey {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(KEY_ID);
  if (existing instanceof PreflightKey) return existing;
  const key = new PreflightKey(stack, KEY_ID, { description: 'Encrypts the Preflight log groups' });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsOfThisAccountAndRegion',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  return key;
}

export interface PreflightLogGroupProps {
  /** @default LOG_RETENTION (one year) */
  readonly retention?: logs.RetentionDays;
}

/** A Preflight log group: encrypted with the stack's logs key, kept a year, deleted with the stack. */
export class PreflightLogGroup extends logs.LogGroup {
  constructor(scope: Construct, id: string, props: PreflightLogGroupProps = {}) {
    super(scope, id, {
      retention: props.retention ?? LOG_RETENTION,
      encryptionKey: logsKey(scope),
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
