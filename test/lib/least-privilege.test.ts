import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPermissions, type CheckFamily, FAMILY_NAMES } from '../../lambdas/core/checks/registry';
import { ALL_DETAIL_TYPES } from '../../lambdas/core/events/model';
import { REVIEW_DETAIL_TYPE } from '../../lambdas/core/events/review-event';
import { checkFunctionId } from '../../lib/audit/check-functions';
import { WATCH_READ_ACTIONS } from '../../lib/member/audit-role';
import type { PreflightStack } from '../../lib/preflight-stack';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import {
  actionsOf,
  allowedActions,
  ofType,
  property,
  resolved,
  roleStatements,
  type Statement,
  servicePrincipals,
  statementsIn,
} from '../support/template-policies';

/*
 * The exact permissions of every role in the stack: one row per role, with the actions it is
 * allowed, and the resources (and conditions) where they are narrowed. A role that gains an action,
 * or a new role that is not in the table, fails here.
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
};

const FUNCTION_BASE = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const MACHINE_BASE = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const ALARM_CHECK = [
  'cloudwatch:DescribeAlarms',
  'sns:ListSubscriptionsByTopic',
  'sns:GetTopicAttributes',
  'kms:DescribeKey',
];
const LOG_AND_METRIC_CHECKS = ['cloudwatch:ListMetrics', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'];
const TRACING_CHECK = ['lambda:ListFunctions', 'states:DescribeStateMachine', 'states:ListStateMachines'];
const LOAD_BALANCER_CHECK = [
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
];
const RATE_LIMITING_CHECK = [
  'elasticloadbalancing:DescribeLoadBalancers',
  'wafv2:GetWebACLForResource',
  'cloudfront:ListDistributions',
  'wafv2:GetWebACL',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeManagedPrefixLists',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeRules',
];
const CORS_CHECK = ['lambda:GetFunctionUrlConfig', 's3:ListAllMyBuckets', 's3:GetBucketCORS'];
const STORAGE_CHECK = ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'rds:DescribeDBInstances'];
const SCALING_CHECK = [
  'application-autoscaling:DescribeScalableTargets',
  'application-autoscaling:DescribeScalingPolicies',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribePolicies',
];
const WORKLOADS_CHECKS = [
  'cloudwatch:GetMetricData',
  'ecs:DescribeServices',
  'ecs:DescribeTaskDefinition',
  'ecs:ListClusters',
  'ecs:ListServices',
  'lambda:ListFunctions',
  'secretsmanager:DescribeSecret',
  'servicequotas:ListServiceQuotas',
  'ssm:DescribeParameters',
];
/** The image checks read only the release's images: no scope, no caller identity. */
const IMAGE_CHECKS = [
  'ecr:BatchGetImage',
  'ecr:DescribeImageScanFindings',
  'ecr:DescribeImages',
  'ecr:DescribeRepositories',
  'ecr:GetRegistryScanningConfiguration',
  'inspector2:BatchGetAccountStatus',
  'inspector2:ListCoverage',
  'inspector2:ListFindings',
];
const NETWORK_CHECK = [
  'ec2:DescribeFlowLogs',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroupRules',
  'elasticloadbalancing:DescribeLoadBalancers',
  'ecs:DescribeTasks',
  'ecs:ListClusters',
  'ecs:ListServices',
  'ecs:ListTasks',
];
const BACKUP_CHECK = [
  'backup:ListBackupJobs',
  'backup:ListProtectedResources',
  'backup:ListRestoreJobs',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:ListTables',
  'rds:DescribeDBClusters',
  'rds:DescribeDBInstances',
  'sts:GetCallerIdentity',
];
/** Resolving a service's scope: the tagging query and stack listings (GetCallerIdentity is above). */
const SCOPE = ['cloudformation:ListStackResources', 'tag:GetResources'];
const TLS_CHECK = ['acm:DescribeCertificate', 'acm:ListCertificates'];
const SECRET_CHECK = [
  'iam:GetAccessKeyLastUsed',
  'iam:GetAccountSummary',
  'iam:ListAccessKeys',
  'iam:ListUsers',
  'kms:DescribeKey',
  'secretsmanager:ListSecrets',
  'ssm:DescribeParameters',
];
const DEPLOYS_CHECKS = [
  'codedeploy:GetDeploymentConfig',
  'codedeploy:GetDeploymentGroup',
  'ecs:DescribeServices',
  'ecs:ListClusters',
  'ecs:ListServices',
  'lambda:GetAlias',
  'lambda:ListFunctions',
  'ssm:DescribeAutomationExecutions',
];
/** What each check family's function reads (its own role each): its checks' actions and the scope's. */
const FAMILY_CHECKS = {
  backups: [...BACKUP_CHECK, ...SCOPE],
  tls: [...TLS_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  secrets: [...SECRET_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  alarms: [...ALARM_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  observability: [...LOG_AND_METRIC_CHECKS, ...SCOPE, 'sts:GetCallerIdentity'],
  tracing: [...TRACING_CHECK, 'apigateway:GET', ...SCOPE, 'sts:GetCallerIdentity'],
  'load-balancing': [...LOAD_BALANCER_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  'rate-limiting': [...RATE_LIMITING_CHECK, 'apigateway:GET', ...SCOPE, 'sts:GetCallerIdentity'],
  cors: [...CORS_CHECK, 'lambda:ListFunctions', 'apigateway:GET', ...SCOPE, 'sts:GetCallerIdentity'],
  scaling: [...SCALING_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  storage: [...STORAGE_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  workloads: [...WORKLOADS_CHECKS, ...SCOPE, 'sts:GetCallerIdentity'],
  images: IMAGE_CHECKS,
  deploys: [...DEPLOYS_CHECKS, ...ALARM_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
  network: [...NETWORK_CHECK, ...SCOPE, 'sts:GetCallerIdentity'],
} as const;
/** The check functions' roles, one per family, e.g. `Audit/RunCheckBackupsRole`. */
const CHECK_ROLE_PATHS = (Object.keys(FAMILY_CHECKS) as CheckFamily[]).map(
  (family) => `Audit/${checkFunctionId(family)}Role`,
);
/** Every action that returns secret material; roles that audit are denied all of them. */
const SECRET_READS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  'kms:Decrypt',
];

let template: Template;
let stack: PreflightStack;
beforeAll(() => {
  ({ template, stack } = synthPreflight(CONFIG));
});

const idOf = (construct: IConstruct | undefined): string => {
  const resource = (construct?.node.defaultChild ?? construct) as CdkCfnResource | undefined;
  if (resource === undefined) throw new Error('no such construct');
  return stack.getLogicalId(resource);
};
function findPath(path: string): IConstruct | undefined {
  return path
    .split('/')
    .reduce<IConstruct | undefined>((c, part) => c?.node.tryFindChild(part), stack.preflight);
}
/** The logical id of the construct at `path` below the stack, e.g. `Audit/RunCheckRole`. */
const at = (path: string): string => idOf(findPath(path));
/** The role the audit schedule's target (the fan-out) runs as (created by the Scheduler target). */
const auditScheduleRole = () => {
  const schedule = ofType(template, 'AWS::Scheduler::Schedule').find(([, s]) =>
    JSON.stringify(s.Properties?.Target).includes('FanoutStateMachine'),
  );
  return String(resolved(property<{ RoleArn: unknown }>(schedule?.[1], 'Target').RoleArn)).replace(
    /^<(.+)\.Arn>$/,
    '$1',
  );
};

interface Row {
  readonly role: () => string;
  readonly actions: readonly string[];
}

const TABLE: Record<string, Row> = {
  'audit: validate input': { role: () => at('Audit/ValidateInputRole'), actions: FUNCTION_BASE },
  // One row per check family: its own role, its checks' actions and the scope's, and its results.
  ...Object.fromEntries(
    (Object.keys(FAMILY_CHECKS) as CheckFamily[]).map((family) => [
      `audit: run check (${family})`,
      {
        role: () => at(`Audit/${checkFunctionId(family)}Role`),
        actions: [...FUNCTION_BASE, ...FAMILY_CHECKS[family], 's3:PutObject', 'kms:GenerateDataKey'],
      },
    ]),
  ),
  // Assumed by the check functions to reach member accounts; without environments it holds nothing.
  'audit: reach member accounts': { role: () => at('Audit/RunCheckRole'), actions: [] },
  'audit: build report': {
    role: () => at('Audit/BuildReportRole'),
    actions: [
      ...FUNCTION_BASE,
      's3:GetObject',
      's3:PutObject',
      's3:ListBucket',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'dynamodb:PutItem',
    ],
  },
  'audit: remember posture': {
    role: () => at('Audit/RememberPostureRole'),
    actions: [
      ...FUNCTION_BASE,
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ],
  },
  'audit: request sign-off': {
    role: () => at('Audit/RequestSignoffRole'),
    actions: [...FUNCTION_BASE, 's3:PutObject', 'sns:Publish', 'kms:Decrypt', 'kms:GenerateDataKey'],
  },
  'audit: state machine': {
    role: () => idOf(stack.audit.stateMachine.role),
    actions: [
      ...MACHINE_BASE,
      'lambda:InvokeFunction',
      'sns:Publish',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'cloudwatch:PutMetricData',
      'events:PutEvents',
    ],
  },
  'audit: schedule': { role: auditScheduleRole, actions: ['states:StartExecution', 'sqs:SendMessage'] },
  'fan-out: list targets': {
    role: () => at('Fanout/ListTargetsRole'),
    actions: [...FUNCTION_BASE, 's3:PutObject', 'kms:GenerateDataKey'],
  },
  'fan-out: summarize': {
    role: () => at('Fanout/SummarizeTargetsRole'),
    actions: [
      ...FUNCTION_BASE,
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ],
  },
  'fan-out: state machine': {
    role: () => idOf(stack.fanout.stateMachine.role),
    actions: [
      ...MACHINE_BASE,
      'lambda:InvokeFunction',
      'sns:Publish',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'cloudwatch:PutMetricData',
      // Its children put each account's posture change on the default bus.
      'events:PutEvents',
      // The Distributed Map: its own children, its items, its exported results.
      'states:StartExecution',
      'states:DescribeExecution',
      'states:StopExecution',
      'states:RedriveExecution',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
      's3:ListMultipartUploadParts',
      's3:AbortMultipartUpload',
    ],
  },
  'review: function': {
    role: () => at('Review/FunctionRole'),
    actions: [
      ...FUNCTION_BASE,
      'dynamodb:Query',
      's3:PutObject',
      'sns:Publish',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'sqs:SendMessage',
      'events:PutEvents',
    ],
  },
  'review: schedule': {
    role: () => at('Review/ScheduleRole'),
    actions: ['lambda:InvokeFunction', 'sqs:SendMessage'],
  },
  'follow-up: run': {
    role: () => at('Followups/RunRole'),
    actions: [
      ...FUNCTION_BASE,
      ...ALARM_CHECK,
      ...BACKUP_CHECK,
      ...SCOPE,
      'cloudwatch:GetMetricData',
      'dynamodb:Query',
      's3:GetObject',
      's3:ListBucket',
      'sns:Publish',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'sqs:SendMessage',
    ],
  },
  'follow-up: scheduler function': {
    role: () => at('Followups/ScheduleRole'),
    actions: [...FUNCTION_BASE, 'scheduler:CreateSchedule', 'iam:PassRole'],
  },
  'follow-up: schedules': {
    role: () => at('Followups/SchedulerRole'),
    actions: ['lambda:InvokeFunction', 'sqs:SendMessage'],
  },
  'watch: start': {
    role: () => at('Watch/StartWatchRole'),
    actions: [
      ...FUNCTION_BASE,
      'cloudwatch:GetMetricData',
      'dynamodb:PutItem',
      's3:PutObject',
      'kms:GenerateDataKey',
    ],
  },
  'watch: evaluate': {
    role: () => at('Watch/EvaluateWatchRole'),
    actions: [
      ...FUNCTION_BASE,
      'cloudwatch:GetMetricData',
      'dynamodb:PutItem',
      's3:GetObject',
      's3:ListBucket',
      'kms:Decrypt',
    ],
  },
  'watch: act': {
    role: () => at('Watch/ActOnDecisionRole'),
    actions: [
      ...FUNCTION_BASE,
      'dynamodb:PutItem',
      's3:GetObject',
      's3:PutObject',
      's3:ListBucket',
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ],
  },
  'control endpoint': {
    role: () => at('Control/ControlFunctionRole'),
    actions: [
      ...FUNCTION_BASE,
      's3:GetObject',
      's3:PutObject',
      's3:ListBucket',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'states:DescribeExecution',
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
    ],
  },
  'watch: state machine': {
    role: () => idOf(stack.watch.stateMachine.role),
    actions: [
      ...MACHINE_BASE,
      'lambda:InvokeFunction',
      'sns:Publish',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'cloudwatch:PutMetricData',
      'events:PutEvents',
    ],
  },
};

/** The resources the role is allowed `action` on, resolved. */
function resourcesFor(roleId: string, action: string): unknown[] {
  return roleStatements(template, roleId)
    .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action))
    .flatMap((s) => [s.Resource].flat().map(resolved));
}
function statementsFor(roleId: string, action: string): Statement[] {
  return roleStatements(template, roleId).filter(
    (s) => s.Effect === 'Allow' && actionsOf(s).includes(action),
  );
}
const ref = (construct: IConstruct) => `<${idOf(construct)}>`;
const arn = (construct: IConstruct) => `<${idOf(construct)}.Arn>`;

describe('every role in the stack', () => {
  it('is in the table of exact permissions', () => {
    const inTable = Object.values(TABLE).map((row) => row.role());
    expect(
      ofType(template, 'AWS::IAM::Role')
        .map(([id]) => id)
        .sort(),
    ).toEqual([...inTable].sort());
  });

  it.each(Object.entries(TABLE))('%s: is allowed exactly its actions', (_name, row) => {
    expect(allowedActions(template, row.role())).toEqual([...new Set(row.actions)].sort());
  });
});

describe('narrowed resources', () => {
  const every = () => Object.values(TABLE).map((row) => row.role());

  it('read API Gateway only on the paths their checks read, never on *, so never an API key', () => {
    const paths = (...suffixes: string[]) => suffixes.map((path) => `arn:aws:apigateway:*::${path}`);
    const expected: Record<string, string[]> = {
      [at(`Audit/${checkFunctionId('tracing')}Role`)]: paths('/restapis', '/restapis/*'),
      [at(`Audit/${checkFunctionId('rate-limiting')}Role`)]: paths(
        '/apis',
        '/apis/*',
        '/restapis',
        '/restapis/*',
        '/usageplans',
      ),
      [at(`Audit/${checkFunctionId('cors')}Role`)]: paths('/apis'),
    };
    for (const role of every()) {
      const resources = resourcesFor(role, 'apigateway:GET').map(String).sort();
      expect(resources, role).toEqual(expected[role] ?? []);
    }
  });

  it('publish only to the alert topic, and use only the alert key for it', () => {
    for (const role of every()) {
      for (const resource of resourcesFor(role, 'sns:Publish'))
        expect(resource).toBe(ref(stack.alerts.topic));
    }
  });

  it('use the report key only through S3, for this bucket', () => {
    const reportKey = arn(stack.reports.key);
    for (const role of every()) {
      for (const statement of [
        ...statementsFor(role, 'kms:GenerateDataKey'),
        ...statementsFor(role, 'kms:Decrypt'),
      ]) {
        const [resource] = [statement.Resource].flat().map(resolved);
        expect([reportKey, arn(stack.alerts.key)]).toContain(resource);
        if (resource !== reportKey) continue;
        expect(resolved(statement.Condition)).toEqual({
          StringEquals: {
            'kms:ViaService': `s3.${TEST_REGION}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': arn(stack.reports.bucket),
          },
        });
      }
    }
  });

  it('send failed deliveries only to their own dead-letter queue', () => {
    for (const role of every()) {
      for (const resource of resourcesFor(role, 'sqs:SendMessage'))
        expect(String(resource)).toMatch(/^<.+\.Arn>$/);
    }
    expect(resourcesFor(at('Followups/SchedulerRole'), 'sqs:SendMessage')).toEqual(
      resourcesFor(at('Followups/RunRole'), 'sqs:SendMessage'),
    );
  });

  it('read the history only by the index they use, and write it only as items of the table', () => {
    const table = arn(stack.history.table);
    const readers = every().filter((role) => resourcesFor(role, 'dynamodb:Query').length > 0);
    expect(readers.sort()).toEqual([at('Review/FunctionRole'), at('Followups/RunRole')].sort());
    for (const role of readers) {
      // The quarterly review and the follow-up read by quarter: not the table, not every index.
      expect(resourcesFor(role, 'dynamodb:Query')).toEqual([`${table}/index/byQuarter`]);
    }
    for (const role of every()) {
      for (const action of allowedActions(template, role).filter((a) => a.startsWith('dynamodb:'))) {
        expect(['dynamodb:Query', 'dynamodb:PutItem', ...BACKUP_CHECK]).toContain(action);
      }
      for (const resource of resourcesFor(role, 'dynamodb:PutItem')) expect(resource).toBe(table);
    }
  });

  it('write metrics only into the Preflight namespace', () => {
    for (const machine of [stack.audit.stateMachine, stack.watch.stateMachine, stack.fanout.stateMachine]) {
      const statements = statementsFor(idOf(machine.role), 'cloudwatch:PutMetricData');
      expect(statements).toHaveLength(1);
      expect(statements[0]?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'Preflight' } });
    }
  });

  it("put events only on the account's default bus, only as Preflight, only of its detail types (the review function only its own)", () => {
    const machines = [stack.audit.stateMachine, stack.fanout.stateMachine, stack.watch.stateMachine];
    for (const machine of machines) {
      const statements = statementsFor(idOf(machine.role), 'events:PutEvents');
      expect(statements).toHaveLength(1);
      expect(resolved(statements[0]?.Resource)).toBe(
        `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:event-bus/default`,
      );
      expect(statements[0]?.Condition).toEqual({
        StringEquals: {
          'events:source': 'preflight',
          'events:detail-type': [...ALL_DETAIL_TYPES],
        },
      });
    }
    // The review function puts its one event itself: the same bus and source, its detail type alone.
    const review = at('Review/FunctionRole');
    const reviewStatements = statementsFor(review, 'events:PutEvents');
    expect(reviewStatements).toHaveLength(1);
    expect(resolved(reviewStatements[0]?.Resource)).toBe(
      `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:event-bus/default`,
    );
    expect(reviewStatements[0]?.Condition).toEqual({
      StringEquals: { 'events:source': 'preflight', 'events:detail-type': REVIEW_DETAIL_TYPE },
    });
    const others = Object.values(TABLE)
      .map((row) => row.role())
      .filter((role) => role !== review && !machines.some((m) => idOf(m.role) === role));
    for (const role of others) expect(statementsFor(role, 'events:PutEvents'), role).toEqual([]);
  });

  it('let the follow-up scheduler create only preflight- schedules, passing only its role, only to Scheduler', () => {
    const fn = at('Followups/ScheduleRole');
    expect(resourcesFor(fn, 'scheduler:CreateSchedule')).toEqual([
      `arn:aws:scheduler:${TEST_REGION}:${TEST_ACCOUNT}:schedule/default/preflight-*`,
    ]);
    const passRole = statementsFor(fn, 'iam:PassRole');
    expect(passRole).toHaveLength(1);
    expect(resolved(passRole[0]?.Resource)).toBe(arn(findPath('Followups/SchedulerRole') as IConstruct));
    expect(passRole[0]?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
  });
});

describe('scheduler roles', () => {
  it('trust EventBridge Scheduler only for schedules of this account', () => {
    const schedulerRoles = ofType(template, 'AWS::IAM::Role').filter(([, r]) =>
      JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(schedulerRoles).toHaveLength(3);
    for (const [, role] of schedulerRoles) {
      const statements = statementsIn(role, 'AssumeRolePolicyDocument');
      for (const statement of statements) {
        expect(servicePrincipals(statement)).toEqual(['scheduler.amazonaws.com']);
        const condition = resolved(statement.Condition) as Record<string, Record<string, unknown>>;
        expect(condition.StringEquals?.['aws:SourceAccount']).toBe(TEST_ACCOUNT);
        expect(condition.StringEquals?.['aws:SourceArn']).toBe(
          `arn:aws:scheduler:${TEST_REGION}:${TEST_ACCOUNT}:schedule-group/default`,
        );
      }
    }
  });
});

describe('secret values', () => {
  it('are denied to every role that holds audit actions, every way of reading them', () => {
    // A state machine's log delivery needs logs:DescribeLogGroups too, and a watch reads metric values
    // with cloudwatch:GetMetricData (as disk-space and resource-limits do): holding either alone audits nothing.
    const audit = new Set(
      auditPermissions().filter(
        (action) =>
          !MACHINE_BASE.includes(action) && !(WATCH_READ_ACTIONS as readonly string[]).includes(action),
      ),
    );
    const auditing = ofType(template, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => allowedActions(template, id).some((a) => audit.has(a)));
    expect(auditing.sort()).toEqual([...CHECK_ROLE_PATHS.map(at), at('Followups/RunRole')].sort());
    for (const role of auditing) {
      const denies = roleStatements(template, role).filter((s) => s.Effect === 'Deny');
      for (const action of SECRET_READS) {
        const covering = denies.filter((s) => actionsOf(s).includes(action));
        expect(covering, `${role} is not denied ${action}`).not.toHaveLength(0);
        for (const statement of covering) {
          expect(statement.Condition).toBeUndefined();
          if (statement.Resource !== undefined) expect(statement.Resource).toBe('*');
        }
      }
    }
  });

  it('a role that must decrypt alerts to publish them, and its settings to read them, may decrypt with those two keys alone', () => {
    const followup = at('Followups/RunRole');
    const decrypt = roleStatements(template, followup).filter(
      (s) => s.Effect === 'Deny' && actionsOf(s).includes('kms:Decrypt'),
    );
    expect(decrypt).toHaveLength(1);
    expect([resolved(decrypt[0]?.NotResource)].flat().sort()).toEqual(
      [arn(stack.alerts.key), arn(stack.reports.key)].sort(),
    );
    // The report key only through S3, for the follow-up settings of the report bucket.
    expect(resourcesFor(followup, 's3:GetObject')).toEqual([
      `${arn(stack.reports.bucket)}/watches/*/followup.json`,
    ]);
    for (const check of CHECK_ROLE_PATHS.map(at)) {
      const checkDecrypt = roleStatements(template, check).filter(
        (s) => s.Effect === 'Deny' && actionsOf(s).includes('kms:Decrypt'),
      );
      expect(checkDecrypt.map((s) => s.Resource)).toEqual(['*']);
    }
  });
});

describe("reaching the environments' accounts", () => {
  const ENVIRONMENTS = {
    prod: {
      account: '444455556666',
      region: 'eu-west-1',
      access: { roleName: 'preflight-audit', externalId: 'ext-1234' },
    },
    staging: {
      account: '777788889999',
      regions: ['eu-west-1', 'us-east-1'],
      access: { roleArn: 'arn:aws:iam::777788889999:role/audit/preflight-staging' },
    },
    // Reached as Preflight's own account: no role to assume.
    tools: { account: TEST_ACCOUNT, region: 'eu-west-1' },
  };

  it('lets the check functions assume exactly the roles the environments name, through the reach role, and no other', () => {
    const synth = synthPreflight({ ...CONFIG, environments: ENVIRONMENTS });
    const checkRole = synth.stack.getLogicalId(
      synth.stack.audit.reachRole.node.defaultChild as CdkCfnResource,
    );
    const assume = roleStatements(synth.template, checkRole).filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).includes('sts:AssumeRole'),
    );
    expect(assume).toHaveLength(1);
    expect(actionsOf(assume[0] as Statement)).toEqual(['sts:AssumeRole']);
    expect([assume[0]?.Resource].flat()).toEqual([
      'arn:aws:iam::444455556666:role/preflight-audit',
      'arn:aws:iam::777788889999:role/audit/preflight-staging',
    ]);
    // The watch and the follow-ups read the environments' metrics through the same roles (no service
    // rolls back here, so the act function assumes none); no other role may assume any.
    const roleId = (path: string) => {
      const construct = path
        .split('/')
        .reduce<IConstruct | undefined>((c, part) => c?.node.tryFindChild(part), synth.stack.preflight);
      return synth.stack.getLogicalId(construct?.node.defaultChild as CdkCfnResource);
    };
    const readers = ['Watch/StartWatchRole', 'Watch/EvaluateWatchRole', 'Followups/RunRole'].map(roleId);
    for (const reader of readers) {
      const resources = roleStatements(synth.template, reader)
        .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('sts:AssumeRole'))
        .flatMap((s) => [s.Resource].flat());
      expect(resources).toEqual([assume[0]?.Resource].flat());
    }
    // Each family's check function may assume the reach role alone, which only they may assume.
    const familyRoles = Object.values(synth.stack.audit.checkFunctions).map((fn) =>
      synth.stack.getLogicalId(fn.role?.node.defaultChild as CdkCfnResource),
    );
    expect(familyRoles).toHaveLength(FAMILY_NAMES.length);
    for (const family of familyRoles) {
      const resources = roleStatements(synth.template, family)
        .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('sts:AssumeRole'))
        .flatMap((s) => [s.Resource].flat().map(resolved));
      expect(resources).toEqual([`<${checkRole}.Arn>`]);
    }
    const trust = property<{ Statement: Statement[] }>(
      ofType(synth.template, 'AWS::IAM::Role').find(([id]) => id === checkRole)?.[1],
      'AssumeRolePolicyDocument',
    ).Statement;
    expect(
      trust.flatMap((s) => [(s.Principal as { AWS?: unknown })?.AWS].flat().map(resolved)).sort(),
    ).toEqual(familyRoles.map((id) => `<${id}.Arn>`).sort());
    const others = ofType(synth.template, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => id !== checkRole && !readers.includes(id) && !familyRoles.includes(id));
    for (const role of others) expect(allowedActions(synth.template, role)).not.toContain('sts:AssumeRole');
  });

  it('grants no sts:AssumeRole when no environment names a role', () => {
    for (const path of [...CHECK_ROLE_PATHS, 'Audit/RunCheckRole']) {
      expect(allowedActions(template, at(path))).not.toContain('sts:AssumeRole');
    }
  });
});

describe('follow-up settings', () => {
  it('are written by the watch start function alone: the bucket policy denies it to everyone else', () => {
    const policy = ofType(template, 'AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties?.Bucket).includes(idOf(stack.reports.bucket)),
    );
    const deny = statementsIn(policy?.[1]).find(
      (st) => st.Sid === 'FollowupSettingsWrittenOnlyByTheWatchStart',
    );

    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject' });
    expect(resolved(deny?.Resource)).toEqual(`${arn(stack.reports.bucket)}/watches/*/followup.json`);
    expect(resolved(deny?.Condition)).toEqual({
      ArnNotEquals: { 'aws:PrincipalArn': [arn(stack.watch.startFunction.role as IConstruct)] },
    });
  });
});

describe('the scheduled audit fan-out', () => {
  const machineRole = () => idOf(stack.fanout.stateMachine.role);
  const machine = () => stack.fanout.stateMachine;

  it('may start only its own child executions, and describe, stop or redrive only those', () => {
    expect(resourcesFor(machineRole(), 'states:StartExecution')).toEqual([ref(machine())]);
    const children = `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:execution:<${idOf(machine())}.Name>/Targets:*`;
    for (const action of ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution']) {
      expect(resourcesFor(machineRole(), action)).toEqual([children]);
    }
    // No other role of the stack but the schedule's may start it, or start anything.
    for (const [name, row] of Object.entries(TABLE)) {
      if (name === 'fan-out: state machine' || name === 'audit: schedule') continue;
      expect(allowedActions(template, row.role()), name).not.toContain('states:StartExecution');
    }
    expect(resourcesFor(auditScheduleRole(), 'states:StartExecution')).toEqual([ref(machine())]);
  });

  it('reads only its items and the results it exported, and writes only under fanout-results/', () => {
    const bucket = arn(stack.reports.bucket);
    expect(resourcesFor(machineRole(), 's3:GetObject').sort()).toEqual(
      [`${bucket}/runs/*/targets.json`, `${bucket}/fanout-results/*`].sort(),
    );
    for (const action of ['s3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload']) {
      expect(resourcesFor(machineRole(), action)).toEqual([`${bucket}/fanout-results/*`]);
    }
    expect(resourcesFor(at('Fanout/ListTargetsRole'), 's3:PutObject').sort()).toEqual(
      [`${bucket}/runs/*/plan.json`, `${bucket}/runs/*/targets.json`].sort(),
    );
    expect(resourcesFor(at('Fanout/SummarizeTargetsRole'), 's3:GetObject').sort()).toEqual(
      [`${bucket}/fanout-results/*`, `${bucket}/runs/*/plan.json`].sort(),
    );
  });

  it('holds no Organizations action and assumes no member role when no organization is configured', () => {
    for (const [id] of ofType(template, 'AWS::IAM::Role')) {
      expect(allowedActions(template, id).filter((a) => a.startsWith('organizations:'))).toEqual([]);
    }
    for (const path of [...CHECK_ROLE_PATHS, 'Audit/RunCheckRole']) {
      expect(allowedActions(template, at(path))).not.toContain('sts:AssumeRole');
    }
  });
});

describe('the organization', () => {
  const OU = 'ou-ab12-11111111';
  const organization = (includeChildUnits: boolean) =>
    synthPreflight({
      ...CONFIG,
      organization: {
        organizationalUnits: [OU, 'r-ab12'],
        regions: ['eu-west-1'],
        includeChildUnits,
        access: { roleName: 'preflight-member', externalId: 'ext-org' },
      },
    });
  const roleOf = (synth: ReturnType<typeof synthPreflight>, construct: IConstruct | undefined) =>
    synth.stack.getLogicalId(construct?.node.defaultChild as CdkCfnResource);

  it('the OU listing role can only list: the two Organizations list actions, and no role else holds any', () => {
    const synth = organization(true);
    const list = roleOf(synth, synth.stack.fanout.listFunction.role);
    expect(allowedActions(synth.template, list)).toEqual(
      [
        ...FUNCTION_BASE,
        's3:PutObject',
        'kms:GenerateDataKey',
        'organizations:ListAccountsForParent',
        'organizations:ListOrganizationalUnitsForParent',
      ].sort(),
    );
    for (const [id] of ofType(synth.template, 'AWS::IAM::Role')) {
      if (id === list) continue;
      expect(allowedActions(synth.template, id).filter((a) => a.startsWith('organizations:'))).toEqual([]);
    }
  });

  it.each([
    [true, [`*/${OU}/*`, '*/r-ab12/*']],
    [false, [`*/${OU}/`, '*/r-ab12/']],
  ])(
    'lets the check function assume the member role only in accounts under the configured OUs (children %s)',
    (children, paths) => {
      const synth = organization(children);
      const check = roleOf(synth, synth.stack.audit.reachRole);
      const families = Object.values(synth.stack.audit.checkFunctions).map((fn) => roleOf(synth, fn.role));
      const assume = roleStatements(synth.template, check).filter(
        (st) => st.Effect === 'Allow' && actionsOf(st).includes('sts:AssumeRole'),
      );
      expect(assume).toHaveLength(1);
      expect(actionsOf(assume[0] as Statement)).toEqual(['sts:AssumeRole']);
      expect(assume[0]?.Resource).toBe('arn:aws:iam::*:role/preflight-member');
      expect(assume[0]?.Condition).toEqual({ 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': paths } });
      const others = ofType(synth.template, 'AWS::IAM::Role')
        .map(([id]) => id)
        .filter((id) => id !== check && !families.includes(id));
      for (const role of others) expect(allowedActions(synth.template, role)).not.toContain('sts:AssumeRole');
      // The check functions reach the organization only through the reach role.
      for (const family of families) {
        expect(
          roleStatements(synth.template, family)
            .filter((st) => st.Effect === 'Allow' && actionsOf(st).includes('sts:AssumeRole'))
            .flatMap((st) => [st.Resource].flat().map(resolved)),
        ).toEqual([`<${check}.Arn>`]);
      }
    },
  );
});

describe('pre-deployment backups', () => {
  const TARGETS = [
    {
      resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders',
      iamRoleArn: 'arn:aws:iam::123456789012:role/backup-a',
    },
    {
      resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:billing',
      iamRoleArn: 'arn:aws:iam::123456789012:role/backup-b',
      backupVaultName: 'Billing',
    },
  ];

  it('hold no backup permission, nor any role to pass to AWS Backup, when no target is configured', () => {
    const { template: none } = synthPreflight({});
    const held = ofType(none, 'AWS::IAM::Role')
      .flatMap(([id]) => roleStatements(none, id))
      .filter(
        (st) =>
          actionsOf(st).some((a) => /^backup:(start|describe)backupjob$/i.test(a)) ||
          JSON.stringify(st.Condition ?? {}).includes('backup.amazonaws.com'),
      );
    expect(held).toEqual([]);
  });

  it('may start backups only into the configured vaults, passing only the configured roles, only to AWS Backup', () => {
    const { template: withTargets, stack: s } = synthPreflight({
      gate: { preDeploymentBackup: { targets: TARGETS } },
    });
    const machine = s.getLogicalId(s.audit.stateMachine.role.node.defaultChild as CdkCfnResource);
    const statements = roleStatements(withTargets, machine).filter((st) => st.Effect === 'Allow');
    const start = statements.filter((st) =>
      actionsOf(st).some((a) => a.toLowerCase() === 'backup:startbackupjob'),
    );
    expect(start.flatMap((st) => [st.Resource].flat().map(resolved)).sort()).toEqual([
      `arn:aws:backup:${TEST_REGION}:${TEST_ACCOUNT}:backup-vault:Billing`,
      `arn:aws:backup:${TEST_REGION}:${TEST_ACCOUNT}:backup-vault:Default`,
    ]);
    const passRole = statements.filter((st) => actionsOf(st).includes('iam:PassRole'));
    expect(passRole).toHaveLength(1);
    expect([passRole[0]?.Resource].flat().sort()).toEqual(TARGETS.map((t) => t.iamRoleArn).sort());
    expect(passRole[0]?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' },
    });
    // No other role may start backups or pass a role to AWS Backup.
    const others = ofType(withTargets, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => id !== machine)
      .flatMap((id) => roleStatements(withTargets, id))
      .filter(
        (st) =>
          actionsOf(st).some((a) => a.toLowerCase().startsWith('backup:start')) ||
          JSON.stringify(st.Condition ?? {}).includes('backup.amazonaws.com'),
      );
    expect(others).toEqual([]);
  });
});

describe('environments reached through roles', () => {
  const AUDIT_PROD = 'arn:aws:iam::444455556666:role/preflight-audit';
  const ROLLBACK_PROD = 'arn:aws:iam::444455556666:role/preflight-rollback';
  const AUDIT_QA = 'arn:aws:iam::555566667777:role/team/preflight-audit';
  const codedeploy = (name: string) => ({
    action: 'codedeploy',
    deploymentGroups: [{ applicationName: name, deploymentGroupName: `${name}-prod` }],
  });
  const ROLES = {
    prod: {
      account: '444455556666',
      region: 'eu-west-1',
      access: { roleName: 'preflight-audit', externalId: 'x-prod', rollbackRoleName: 'preflight-rollback' },
    },
    qa: { account: '555566667777', region: 'eu-west-1', access: { roleArn: AUDIT_QA } },
  };
  const SERVICES = {
    orders: {
      environments: ['prod', 'qa'],
      resources: { tags: { service: 'orders' } },
      watch: { rollback: codedeploy('orders'), environments: { qa: { rollback: { action: 'none' } } } },
    },
    billing: { environments: ['qa'], resources: { tags: { service: 'billing' } } },
  };
  const roleOf = (s: PreflightStack, path: string) => {
    const construct = path
      .split('/')
      .reduce<IConstruct | undefined>((c, part) => c?.node.tryFindChild(part), s.preflight);
    return s.getLogicalId((construct?.node.defaultChild ?? construct) as CdkCfnResource);
  };
  const assumable = (t: Template, roleId: string) =>
    roleStatements(t, roleId)
      .filter((st) => st.Effect === 'Allow' && actionsOf(st).includes('sts:AssumeRole'))
      .flatMap((st) => [st.Resource].flat())
      .sort();

  it('may assume exactly the configured roles: the audit roles to read, the rollback roles to act, nothing else', () => {
    const { template: t, stack: s } = synthPreflight({ environments: ROLES, services: SERVICES });
    const start = roleOf(s, 'Watch/StartWatchRole');
    const evaluate = roleOf(s, 'Watch/EvaluateWatchRole');
    const act = roleOf(s, 'Watch/ActOnDecisionRole');
    const followup = roleOf(s, 'Followups/RunRole');
    // The audit's check functions reach the same environments, through the reach role.
    const check = roleOf(s, 'Audit/RunCheckRole');
    const families = CHECK_ROLE_PATHS.map((path) => roleOf(s, path));

    for (const reader of [start, evaluate, followup, check]) {
      expect(assumable(t, reader)).toEqual([AUDIT_QA, AUDIT_PROD].sort());
    }
    expect(assumable(t, act)).toEqual([ROLLBACK_PROD]);
    for (const family of families) expect(assumable(t, family).map(resolved)).toEqual([`<${check}.Arn>`]);
    const others = ofType(t, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => ![start, evaluate, act, followup, check, ...families].includes(id));
    for (const id of others) expect(allowedActions(t, id)).not.toContain('sts:AssumeRole');
  });

  it('hold no metrics, checks or rollback actions as Preflight itself when every environment is reached through a role', () => {
    const { template: t, stack: s } = synthPreflight({ environments: ROLES, services: SERVICES });

    for (const path of ['Watch/StartWatchRole', 'Watch/EvaluateWatchRole']) {
      expect(allowedActions(t, roleOf(s, path))).not.toContain('cloudwatch:GetMetricData');
    }
    expect(
      allowedActions(t, roleOf(s, 'Watch/ActOnDecisionRole')).filter((a) => a.startsWith('codedeploy:')),
    ).toEqual([]);
    const followup = allowedActions(t, roleOf(s, 'Followups/RunRole'));
    for (const action of [...ALARM_CHECK, ...BACKUP_CHECK, 'cloudwatch:GetMetricData']) {
      expect(followup).not.toContain(action);
    }
  });

  it('grant rollback actions as Preflight itself only for services in its own account, in their region', () => {
    const { template: t, stack: s } = synthPreflight({
      environments: { ...ROLES, home: { region: 'eu-central-1' } },
      services: {
        ...SERVICES,
        catalog: {
          environments: ['home'],
          resources: { tags: { service: 'catalog' } },
          watch: { rollback: codedeploy('catalog') },
        },
      },
    });
    const act = roleOf(s, 'Watch/ActOnDecisionRole');
    const getDeployment = roleStatements(t, act)
      .filter((st) => st.Effect === 'Allow' && actionsOf(st).includes('codedeploy:GetDeployment'))
      .flatMap((st) => [st.Resource].flat().map(resolved));

    expect(getDeployment).toEqual([
      `arn:aws:codedeploy:eu-central-1:${TEST_ACCOUNT}:deploymentgroup:catalog/catalog-prod`,
    ]);
    expect(assumable(t, act)).toEqual([ROLLBACK_PROD]);
    expect(allowedActions(t, roleOf(s, 'Watch/EvaluateWatchRole'))).toContain('cloudwatch:GetMetricData');
  });
});
