/**
 * Listing items as a real account answers them, for the audit's CLI tests: each named, in `region` of
 * `account`, with the fields its check reads; `fields` adds to or overrides them (a malformed answer).
 */
export function listedResources({
  account,
  region = 'us-east-1',
  days,
}: {
  readonly account: string;
  readonly region?: string;
  /** A date `n` days from the stubbed account's now. */
  readonly days: (n: number) => Date;
}) {
  const at = `${region}:${account}`;
  type Fields = Record<string, unknown>;
  return {
    secret: (name: string, healthy: boolean, fields: Fields = {}) => ({
      ARN: `arn:aws:secretsmanager:${at}:secret:${name}`,
      Name: name,
      CreatedDate: days(-400),
      SecretVersionsToStages: { v1: ['AWSCURRENT'] },
      ...(healthy
        ? {
            KmsKeyId: `arn:aws:kms:${at}:key/1`,
            RotationEnabled: true,
            RotationRules: { AutomaticallyAfterDays: 30 },
            LastRotatedDate: days(-3),
            LastChangedDate: days(-3),
            NextRotationDate: days(27),
          }
        : { RotationEnabled: false }),
      ...fields,
    }),
    user: (name: string, fields: Fields = {}) => ({
      UserName: name,
      Arn: `arn:aws:iam::${account}:user/${name}`,
      UserId: name,
      Path: '/',
      CreateDate: days(-500),
      ...fields,
    }),
    alarm: (name: string, actionsEnabled: boolean, fields: Fields = {}) => ({
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:${at}:alarm:${name}`,
      ActionsEnabled: actionsEnabled,
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'],
      StateValue: 'OK',
      TreatMissingData: 'breaching',
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_Target_5XX_Count',
      ...fields,
    }),
    database: (name: string, retention: number, fields: Fields = {}) => ({
      DBInstanceIdentifier: name,
      DBInstanceArn: `arn:aws:rds:${at}:db:${name}`,
      DBInstanceStatus: 'available',
      Engine: 'postgres',
      BackupRetentionPeriod: retention,
      ...(retention > 0 ? { LatestRestorableTime: days(0) } : {}),
      ...fields,
    }),
    fn: (name: string, mode: string, fields: Fields = {}) => ({
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${at}:function:${name}`,
      TracingConfig: { Mode: mode },
      ...fields,
    }),
    targetGroup: (name: string, enabled: boolean, fields: Fields = {}) => ({
      TargetGroupName: name,
      TargetGroupArn: `arn:aws:elasticloadbalancing:${at}:targetgroup/${name}/1`,
      HealthCheckEnabled: enabled,
      HealthCheckPath: '/health',
      HealthCheckProtocol: 'HTTP',
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
      TargetType: 'ip',
      Protocol: 'HTTP',
      ...fields,
    }),
    autoScalingGroup: (name: string, min: number, max: number, fields: Fields = {}) => ({
      AutoScalingGroupName: name,
      AutoScalingGroupARN: `arn:aws:autoscaling:${at}:autoScalingGroup:1:autoScalingGroupName/${name}`,
      MinSize: min,
      MaxSize: max,
      DesiredCapacity: min,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      ...fields,
    }),
    logGroup: (name: string, retention?: number, fields: Fields = {}) => ({
      logGroupName: name,
      arn: `arn:aws:logs:${at}:log-group:${name}:*`,
      ...(retention === undefined ? {} : { retentionInDays: retention }),
      ...fields,
    }),
  };
}
