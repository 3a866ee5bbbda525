import type { ScopeResourceType } from './types';

/** The kind of resource an ARN names, among those the checks judge; `undefined` for any other. */
export function resourceTypeOfArn(arn: string): ScopeResourceType | undefined {
  const [, , service, , , resource = ''] = arn.split(':');
  switch (service) {
    case 'rds':
      return resource === 'db' ? 'rds:db' : resource === 'cluster' ? 'rds:cluster' : undefined;
    case 'dynamodb':
      return resource.startsWith('table/') && !resource.includes('/stream/') ? 'dynamodb:table' : undefined;
    case 'acm':
      return resource.startsWith('certificate/') ? 'acm:certificate' : undefined;
    case 'secretsmanager':
      return resource === 'secret' ? 'secretsmanager:secret' : undefined;
    case 'ssm':
      return resource.startsWith('parameter/') ? 'ssm:parameter' : undefined;
    case 'cloudwatch':
      return resource === 'alarm' ? 'cloudwatch:alarm' : undefined;
    case 'logs':
      return resource === 'log-group' ? 'logs:log-group' : undefined;
    case 'lambda':
      return resource === 'function' ? 'lambda:function' : undefined;
    case 'elasticloadbalancing':
      if (resource.startsWith('targetgroup/')) return 'elasticloadbalancing:targetgroup';
      return resource.startsWith('loadbalancer/') ? 'elasticloadbalancing:loadbalancer' : undefined;
    case 'ecs':
      return resource.startsWith('service/') ? 'ecs:service' : undefined;
    case 'states':
      return resource === 'stateMachine' ? 'states:stateMachine' : undefined;
    case 'es':
      return resource.startsWith('domain/') ? 'es:domain' : undefined;
    case 'ec2':
      return resource.startsWith('instance/') ? 'ec2:instance' : undefined;
    case 'autoscaling':
      return resource === 'autoScalingGroup' ? 'autoscaling:autoScalingGroup' : undefined;
    // `arn:aws:apigateway:<region>::/restapis/<id>`: the path is the sixth field. A stage
    // (`…/restapis/<id>/stages/<name>`) is of its API's kind: the stage checks judge it alone.
    case 'apigateway':
      return apiGatewayTypeOf(resource);
    case 'cloudfront':
      return resource.startsWith('distribution/') ? 'cloudfront:distribution' : undefined;
    case 's3':
      return resource !== '' && !resource.includes('/') ? 's3' : undefined;
    default:
      return undefined;
  }
}

/** The kind of API an API Gateway path names: `/restapis/<id>` or `/apis/<id>`, or one of its stages. */
function apiGatewayTypeOf(path: string): ScopeResourceType | undefined {
  if (/^\/restapis\/[^/]+(\/stages\/[^/]+)?$/.test(path)) return 'apigateway:restapis';
  if (/^\/apis\/[^/]+(\/stages\/[^/]+)?$/.test(path)) return 'apigateway:apis';
  return undefined;
}

/** The API id of a stage's ARN (`…::/restapis/<id>/stages/<name>` or `/apis/…`); `undefined` for any other. */
export function apiIdOfStageArn(arn: string): string | undefined {
  return /^arn:[^:]+:apigateway:[^:]*::\/(?:restapis|apis)\/([^/]+)\/stages\/[^/]+$/.exec(arn)?.[1];
}
