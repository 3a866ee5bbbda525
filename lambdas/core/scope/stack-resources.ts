import type { ScopeResourceType } from './types';

/*
 * CloudFormation names a stack's resources by physical id: for some types that is already the ARN,
 * for others a name the ARN is built from. Only the types the checks judge are mapped; a stack's
 * other resources (queues, roles, buckets) are not judged by any check.
 */

/** Where ARNs are built: the partition, account and region the stack lives in. */
export interface ArnLocation {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
}

interface PhysicalIdMapping {
  readonly type: ScopeResourceType;
  /** The resource's ARN from its physical id; `undefined` when the id is not of the expected form. */
  readonly arn: (physicalId: string, at: ArnLocation) => string | undefined;
}

const base = (service: string, at: ArnLocation) =>
  `arn:${at.partition}:${service}:${at.region}:${at.accountId}`;
/** API Gateway's ARNs carry no account: `arn:aws:apigateway:<region>::/restapis/<id>`. */
const apiGatewayArn = (kind: string, id: string, at: ArnLocation) =>
  `arn:${at.partition}:apigateway:${at.region}::/${kind}/${id}`;
/** The physical id is the ARN itself. */
const isArn = (physicalId: string) => (physicalId.startsWith('arn:') ? physicalId : undefined);

/** CloudFormation resource type → the kind the checks judge and how its ARN follows from the physical id. */
export const STACK_RESOURCE_ARNS: Readonly<Record<string, PhysicalIdMapping>> = {
  // RDS keeps identifiers in lower case, and so do its ARNs.
  'AWS::RDS::DBInstance': { type: 'rds:db', arn: (id, at) => `${base('rds', at)}:db:${id.toLowerCase()}` },
  'AWS::RDS::DBCluster': {
    type: 'rds:cluster',
    arn: (id, at) => `${base('rds', at)}:cluster:${id.toLowerCase()}`,
  },
  'AWS::DynamoDB::Table': { type: 'dynamodb:table', arn: (id, at) => `${base('dynamodb', at)}:table/${id}` },
  'AWS::DynamoDB::GlobalTable': {
    type: 'dynamodb:table',
    arn: (id, at) => `${base('dynamodb', at)}:table/${id}`,
  },
  'AWS::CertificateManager::Certificate': { type: 'acm:certificate', arn: isArn },
  'AWS::SecretsManager::Secret': { type: 'secretsmanager:secret', arn: isArn },
  // A parameter named `/prod/db-host` has the ARN `…:parameter/prod/db-host`, one named `flags` `…:parameter/flags`.
  'AWS::SSM::Parameter': {
    type: 'ssm:parameter',
    arn: (id, at) => `${base('ssm', at)}:parameter/${id.replace(/^\//, '')}`,
  },
  'AWS::CloudWatch::Alarm': {
    type: 'cloudwatch:alarm',
    arn: (id, at) => `${base('cloudwatch', at)}:alarm:${id}`,
  },
  // A log group's physical id is its name.
  'AWS::Logs::LogGroup': { type: 'logs:log-group', arn: (id, at) => `${base('logs', at)}:log-group:${id}` },
  // A function's physical id is its name.
  'AWS::Lambda::Function': {
    type: 'lambda:function',
    arn: (id, at) => `${base('lambda', at)}:function:${id}`,
  },
  'AWS::StepFunctions::StateMachine': { type: 'states:stateMachine', arn: isArn },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { type: 'elasticloadbalancing:targetgroup', arn: isArn },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { type: 'elasticloadbalancing:loadbalancer', arn: isArn },
  // An ECS service's physical id is its ARN. (An Auto Scaling group's is its name, and its ARN holds an
  // id the stack does not give: groups are placed in scope by tag, ARN or name.)
  'AWS::ECS::Service': { type: 'ecs:service', arn: isArn },
  // An instance's physical id is its id, a search domain's its name.
  'AWS::EC2::Instance': { type: 'ec2:instance', arn: (id, at) => `${base('ec2', at)}:instance/${id}` },
  'AWS::OpenSearchService::Domain': { type: 'es:domain', arn: (id, at) => `${base('es', at)}:domain/${id}` },
  'AWS::Elasticsearch::Domain': { type: 'es:domain', arn: (id, at) => `${base('es', at)}:domain/${id}` },
  'AWS::CloudWatch::CompositeAlarm': {
    type: 'cloudwatch:alarm',
    arn: (id, at) => `${base('cloudwatch', at)}:alarm:${id}`,
  },
  // A REST or HTTP API's physical id is its id; its stages follow it. A stage's physical id is its
  // name alone: stages are found by the stack's tags (`stack-stages.ts`).
  'AWS::ApiGateway::RestApi': {
    type: 'apigateway:restapis',
    arn: (id, at) => apiGatewayArn('restapis', id, at),
  },
  'AWS::ApiGatewayV2::Api': { type: 'apigateway:apis', arn: (id, at) => apiGatewayArn('apis', id, at) },
  // A bucket's physical id is its name; its ARN names no region or account.
  'AWS::S3::Bucket': { type: 's3', arn: (id, at) => `arn:${at.partition}:s3:::${id}` },
  // A distribution's physical id is its id; its ARN names the account but no region.
  'AWS::CloudFront::Distribution': {
    type: 'cloudfront:distribution',
    arn: (id, at) => `arn:${at.partition}:cloudfront::${at.accountId}:distribution/${id}`,
  },
};
