/*
 * The API rates the local endpoint enforces (token bucket per operation, burst = one second of
 * rate) and the page sizes it serves. `source` says where each number comes from: a quota page or
 * announcement where AWS publishes one, otherwise an assumption stated as such. Rates are per account
 * and region.
 */

export interface ApiRate {
  /** Sustained requests per second. */
  readonly perSecond: number;
  readonly source: string;
}

/** Keyed by `service:Operation` (service = the SigV4 signing name). */
export const API_RATES: Readonly<Record<string, ApiRate>> = {
  // API Gateway's management API: one account-wide budget shared by every GET.
  'apigateway:GetRestApis': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetStages': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetStage': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetUsagePlans': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetApis': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetApi': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetStagesV2': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'apigateway:GetStageV2': {
    perSecond: 10,
    source: 'assumed (API Gateway management API, about 10/s per account)',
  },
  'secretsmanager:ListSecrets': {
    perSecond: 100,
    source: 'AWS What’s New 2022-11-11 (ListSecrets 100/s)',
  },
  'secretsmanager:DescribeSecret': {
    perSecond: 40_000,
    source: 'AWS What’s New 2025-03-04 (DescribeSecret 40,000/s)',
  },
  'acm:ListCertificates': { perSecond: 8, source: 'ACM quotas, API rate quotas (ListCertificates 8/s)' },
  'acm:DescribeCertificate': {
    perSecond: 10,
    source: 'ACM quotas, API rate quotas (DescribeCertificate 10/s)',
  },
  'monitoring:DescribeAlarms': { perSecond: 9, source: 'CloudWatch service quotas (DescribeAlarms 9 TPS)' },
  'monitoring:GetMetricData': { perSecond: 50, source: 'CloudWatch service quotas (GetMetricData 50 TPS)' },
  'sns:ListSubscriptionsByTopic': {
    perSecond: 30,
    source: 'SNS quotas, API throttling (ListSubscriptionsByTopic 30/s)',
  },
  'rds:DescribeDBInstances': { perSecond: 10, source: 'assumed (RDS token bucket, not published per call)' },
  'rds:DescribeDBClusters': { perSecond: 10, source: 'assumed (RDS token bucket, not published per call)' },
  'dynamodb:ListTables': { perSecond: 10, source: 'assumed (DynamoDB control plane)' },
  'dynamodb:DescribeTable': { perSecond: 100, source: 'assumed (DynamoDB control plane)' },
  'dynamodb:DescribeContinuousBackups': { perSecond: 10, source: 'assumed (DynamoDB control plane)' },
  'backup:ListProtectedResources': { perSecond: 10, source: 'assumed (AWS Backup, not published)' },
  'backup:ListBackupJobs': { perSecond: 10, source: 'assumed (AWS Backup, not published)' },
  'backup:ListRestoreJobs': { perSecond: 10, source: 'assumed (AWS Backup, not published)' },
  'ssm:DescribeParameters': { perSecond: 10, source: 'assumed (SSM, not published per call)' },
  'iam:ListUsers': { perSecond: 20, source: 'assumed (IAM, not published per call)' },
  'iam:ListAccessKeys': { perSecond: 20, source: 'assumed (IAM, not published per call)' },
  'iam:GetAccessKeyLastUsed': { perSecond: 20, source: 'assumed (IAM, not published per call)' },
  'logs:DescribeLogGroups': { perSecond: 10, source: 'assumed (CloudWatch Logs, not published per call)' },
  'logs:DescribeLogStreams': {
    perSecond: 25,
    source: 'CloudWatch Logs API reference, DescribeLogStreams (25 transactions per second)',
  },
  'monitoring:ListMetrics': { perSecond: 25, source: 'assumed (CloudWatch, not published per call)' },
  'lambda:ListFunctions': {
    perSecond: 15,
    source: 'assumed (Lambda control plane, not published per call)',
  },
  'lambda:GetFunctionConfiguration': {
    perSecond: 100,
    source: 'assumed (Lambda control plane, not published per call)',
  },
  'lambda:GetFunctionUrlConfig': {
    perSecond: 15,
    source: 'assumed (Lambda control plane, not published per call)',
  },
  'states:ListStateMachines': {
    perSecond: 5,
    source: 'Step Functions quotas (ListStateMachines: bucket 100, refill 5/s)',
  },
  'states:DescribeStateMachine': {
    perSecond: 20,
    source: 'Step Functions quotas (DescribeStateMachine: bucket 200, refill 20/s)',
  },
  'elasticloadbalancing:DescribeTargetGroups': {
    perSecond: 10,
    source: 'assumed (ELB describe calls, not published per call)',
  },
  'elasticloadbalancing:DescribeTargetHealth': {
    perSecond: 10,
    source: 'assumed (ELB describe calls, not published per call)',
  },
  'elasticloadbalancing:DescribeLoadBalancers': {
    perSecond: 10,
    source: 'assumed (ELB describe calls, not published per call)',
  },
  's3:ListBuckets': { perSecond: 10, source: 'assumed (S3 bucket listing, not published)' },
  's3:GetBucketLocation': {
    perSecond: 100,
    source: 'assumed (S3 bucket configuration reads, not published)',
  },
  's3:GetBucketCors': { perSecond: 100, source: 'assumed (S3 bucket configuration reads, not published)' },
  'wafv2:GetWebACLForResource': {
    perSecond: 5,
    source: 'assumed (WAF control plane, not published per call)',
  },
  'application-autoscaling:DescribeScalableTargets': {
    perSecond: 10,
    source: 'assumed (Application Auto Scaling, not published per call)',
  },
  'application-autoscaling:DescribeScalingPolicies': {
    perSecond: 10,
    source: 'assumed (Application Auto Scaling, not published per call)',
  },
  'autoscaling:DescribeAutoScalingGroups': {
    perSecond: 20,
    source: 'assumed (EC2 Auto Scaling describe calls, not published per call)',
  },
  'autoscaling:DescribePolicies': {
    perSecond: 20,
    source: 'assumed (EC2 Auto Scaling describe calls, not published per call)',
  },
  'ec2:DescribeInstances': {
    perSecond: 20,
    source: 'EC2 API request throttling, non-mutating actions (bucket 100, refill 20/s)',
  },
  'ecs:ListClusters': {
    perSecond: 20,
    source: 'ECS API reference, request throttling (cluster read actions: bucket 50, refill 20/s)',
  },
  'ecs:ListServices': {
    perSecond: 20,
    source: 'assumed (ECS token bucket per action group; cluster reads refill 20/s)',
  },
  'ecs:DescribeServices': {
    perSecond: 20,
    source: 'assumed (ECS token bucket per action group; cluster reads refill 20/s)',
  },
  'ecs:DescribeTaskDefinition': {
    perSecond: 20,
    source: 'assumed (ECS token bucket per action group; cluster reads refill 20/s)',
  },
  'servicequotas:ListServiceQuotas': {
    perSecond: 10,
    source: 'Service Quotas user guide, quotas for Service Quotas (ListServiceQuotas 10/s)',
  },
  'ecr:GetRegistryScanningConfiguration': {
    perSecond: 10,
    source: 'assumed (ECR control plane, not published per call)',
  },
  'ecr:DescribeImages': { perSecond: 10, source: 'assumed (ECR control plane, not published per call)' },
  'ecr:DescribeRepositories': {
    perSecond: 10,
    source: 'assumed (ECR control plane, not published per call)',
  },
  'inspector2:BatchGetAccountStatus': {
    perSecond: 10,
    source: 'assumed (Inspector, not published per call)',
  },
  'inspector2:ListCoverage': { perSecond: 10, source: 'assumed (Inspector, not published per call)' },
  'inspector2:ListFindings': { perSecond: 10, source: 'assumed (Inspector, not published per call)' },
  'codedeploy:GetDeploymentGroup': { perSecond: 10, source: 'assumed (CodeDeploy, not published per call)' },
  'codedeploy:GetDeploymentConfig': { perSecond: 10, source: 'assumed (CodeDeploy, not published per call)' },
  'lambda:GetAlias': { perSecond: 15, source: 'assumed (Lambda control plane, not published per call)' },
  'ssm:DescribeAutomationExecutions': { perSecond: 5, source: 'assumed (SSM, not published per call)' },
  'ec2:DescribeNetworkInterfaces': {
    perSecond: 20,
    source: 'EC2 API request throttling (describe actions: bucket 100, refill 20/s)',
  },
  'ec2:DescribeSecurityGroupRules': {
    perSecond: 20,
    source: 'EC2 API request throttling (describe actions: bucket 100, refill 20/s)',
  },
  'ec2:DescribeFlowLogs': {
    perSecond: 20,
    source: 'EC2 API request throttling (describe actions: bucket 100, refill 20/s)',
  },
  'sts:GetCallerIdentity': { perSecond: 600, source: 'STS quotas (600/s per account)' },
  'sts:AssumeRole': { perSecond: 600, source: 'STS quotas (600/s per account, for the calling account)' },
  'organizations:ListAccountsForParent': {
    perSecond: 10,
    source: 'assumed (Organizations, not published per call)',
  },
  'organizations:ListOrganizationalUnitsForParent': {
    perSecond: 10,
    source: 'assumed (Organizations, not published per call)',
  },
};

/** Rate for an operation the table does not list. */
export const DEFAULT_RATE: ApiRate = { perSecond: 10, source: 'assumed default' };

/** Page sizes: the service's default when the caller sends none, and the largest it accepts. */
export interface PageSize {
  readonly default: number;
  readonly max: number;
}

export const PAGE_SIZES: Readonly<Record<string, PageSize>> = {
  'secretsmanager:ListSecrets': { default: 100, max: 100 },
  'acm:ListCertificates': { default: 1000, max: 1000 },
  'monitoring:DescribeAlarms': { default: 50, max: 100 },
  'sns:ListSubscriptionsByTopic': { default: 100, max: 100 },
  'rds:DescribeDBInstances': { default: 100, max: 100 },
  'rds:DescribeDBClusters': { default: 100, max: 100 },
  'dynamodb:ListTables': { default: 100, max: 100 },
  // AWS Backup documents 1-1000 without a default; the endpoint assumes 1000.
  'backup:ListProtectedResources': { default: 1000, max: 1000 },
  'backup:ListBackupJobs': { default: 1000, max: 1000 },
  'backup:ListRestoreJobs': { default: 1000, max: 1000 },
  'ssm:DescribeParameters': { default: 10, max: 50 },
  'iam:ListUsers': { default: 100, max: 1000 },
  'iam:ListAccessKeys': { default: 100, max: 1000 },
  'organizations:ListAccountsForParent': { default: 20, max: 20 },
  'organizations:ListOrganizationalUnitsForParent': { default: 20, max: 20 },
  'logs:DescribeLogGroups': { default: 50, max: 50 },
  'logs:DescribeLogStreams': { default: 50, max: 50 },
  // ListMetrics takes no page size: 500 to a page.
  'monitoring:ListMetrics': { default: 500, max: 500 },
  'lambda:ListFunctions': { default: 50, max: 50 },
  // DescribeServices takes at most ten services a call.
  'ecs:DescribeServices': { default: 10, max: 10 },
  // DescribeAutomationExecutions documents 1-50 without a default; the endpoint assumes 50.
  'ssm:DescribeAutomationExecutions': { default: 50, max: 50 },
  'states:ListStateMachines': { default: 100, max: 1000 },
  // ELBv2 documents 1-400 without a default; the endpoint assumes 100.
  'elasticloadbalancing:DescribeTargetGroups': { default: 100, max: 400 },
  'elasticloadbalancing:DescribeLoadBalancers': { default: 100, max: 400 },
  // Application Auto Scaling API reference: MaxResults 1-50, 50 by default.
  'application-autoscaling:DescribeScalableTargets': { default: 50, max: 50 },
  'application-autoscaling:DescribeScalingPolicies': { default: 50, max: 50 },
  // EC2 Auto Scaling API reference: MaxRecords 50 by default, 100 at most.
  'autoscaling:DescribeAutoScalingGroups': { default: 50, max: 100 },
  'autoscaling:DescribePolicies': { default: 50, max: 100 },
  // ECS API reference: ListClusters and ListServices take maxResults 1-100, ListServices defaults to 10.
  'ecs:ListClusters': { default: 100, max: 100 },
  'ecs:ListServices': { default: 10, max: 100 },
  // Service Quotas documents MaxResults 1-100 without a default; the endpoint assumes 100.
  'servicequotas:ListServiceQuotas': { default: 100, max: 100 },
  // ECR returns up to 100 without maxResults, and takes up to 1000.
  'ecr:DescribeImages': { default: 100, max: 1000 },
  'ecr:DescribeRepositories': { default: 100, max: 1000 },
  // Inspector documents the largest page (ListFindings 100, ListCoverage 200); the default is assumed 50.
  'inspector2:ListFindings': { default: 50, max: 100 },
  'inspector2:ListCoverage': { default: 50, max: 200 },
  // EC2 documents 5-1000; without MaxResults it answers everything at once, here a page of 1000.
  'ec2:DescribeNetworkInterfaces': { default: 1000, max: 1000 },
  'ec2:DescribeSecurityGroupRules': { default: 1000, max: 1000 },
  'ec2:DescribeFlowLogs': { default: 1000, max: 1000 },
  // API Gateway REST API reference: limit 25 by default, 500 at most.
  'apigateway:GetRestApis': { default: 25, max: 500 },
  'apigateway:GetUsagePlans': { default: 25, max: 500 },
  // API Gateway v2 documents no page sizes; the endpoint assumes 25 by default and 500 at most.
  'apigateway:GetApis': { default: 25, max: 500 },
  'apigateway:GetStagesV2': { default: 25, max: 500 },
  // S3 API reference: MaxBuckets 1-10,000; without it, ListBuckets answers every bucket at once.
  's3:ListBuckets': { default: 10_000, max: 10_000 },
};

export function rateOf(key: string): ApiRate {
  return API_RATES[key] ?? DEFAULT_RATE;
}

export function pageSizeOf(key: string): PageSize {
  return PAGE_SIZES[key] ?? { default: 100, max: 100 };
}
