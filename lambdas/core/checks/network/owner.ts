import { partitionOfRegion } from '../../partition';
import type { ResourceIdentity } from '../../scope/types';
import type { NetworkInterface } from './ports';

/*
 * Which resource a network interface belongs to, from what AWS writes in its description: a load
 * balancer's node (`ELB app/<name>/<id>`, `ELB net/<name>/<id>`), a Lambda function's
 * (`AWS Lambda VPC ENI-<function>-<uuid>`), or an ECS task's (`arn:aws:ecs:<region>:<account>:attachment/<id>`,
 * whose service is in the interface's ECS managed tags, or found through the service's tasks). So a service's scope, which names load balancers and
 * functions, selects the interfaces (and through them the security groups and VPCs) that are its.
 */

const ELB = /^ELB ((?:app|net|gwy)\/([^/]+)\/[^/\s]+)$/;
const ECS_ATTACHMENT = /^arn:[^:]+:ecs:[^:]*:[^:]*:attachment\/[^/\s]+$/;
const LAMBDA = /^AWS Lambda VPC ENI-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The load balancer whose node this is, as `app/<name>/<id>`, or undefined. */
export function loadBalancerOf(eni: Pick<NetworkInterface, 'description'>): string | undefined {
  return ELB.exec(eni.description)?.[1];
}

/** Whether ECS created the interface for a task (awsvpc network mode: every Fargate task). */
export const isEcsTaskInterface = (eni: Pick<NetworkInterface, 'description'>) =>
  ECS_ATTACHMENT.test(eni.description);

/** The ECS service of a task's interface, from the managed tags ECS puts on it. */
function taggedEcsService(eni: NetworkInterface, partition: string): string | undefined {
  const cluster = eni.tags?.['aws:ecs:clusterName'];
  const service = eni.tags?.['aws:ecs:serviceName'];
  if (cluster === undefined || service === undefined || cluster === '' || service === '') return undefined;
  return `arn:${partition}:ecs:${eni.region}:${eni.ownerId}:service/${cluster}/${service}`;
}

/** A task's interface whose tags do not name its service: only the service's tasks can tell. */
export const isUntaggedTaskInterface = (eni: NetworkInterface) =>
  isEcsTaskInterface(eni) && taggedEcsService(eni, partitionOfRegion(eni.region)) === undefined;

/**
 * The resource an interface belongs to, as the scope identifies resources; else the interface
 * itself. `taskServices` names the ECS service of task interfaces that carry no managed tags
 * (interface id → service ARN).
 */
export function ownerOf(eni: NetworkInterface, taskServices?: ReadonlyMap<string, string>): ResourceIdentity {
  const partition = partitionOfRegion(eni.region);
  if (isEcsTaskInterface(eni)) {
    // The service's tasks name it as the scope does (an old-format ARN has no cluster in it).
    const service = taskServices?.get(eni.id) ?? taggedEcsService(eni, partition);
    if (service !== undefined) return { arn: service, names: [service.slice(service.lastIndexOf('/') + 1)] };
  }
  const elb = ELB.exec(eni.description);
  if (elb !== null) {
    return {
      arn: `arn:${partition}:elasticloadbalancing:${eni.region}:${eni.ownerId}:loadbalancer/${elb[1]}`,
      names: [elb[2] as string],
    };
  }
  const lambda = LAMBDA.exec(eni.description);
  if (lambda !== null) {
    return {
      arn: `arn:${partition}:lambda:${eni.region}:${eni.ownerId}:function:${lambda[1]}`,
      names: [lambda[1] as string],
    };
  }
  return {
    arn: `arn:${partition}:ec2:${eni.region}:${eni.ownerId}:network-interface/${eni.id}`,
    names: [eni.id],
  };
}

/**
 * Whether the interface is a node of an internet-facing load balancer: an ELB node with a public
 * IPv4, or the node of one ELB says is internet-facing (an IPv6-only load balancer's nodes have
 * no public IPv4).
 */
export function isPublicLoadBalancerNode(
  eni: NetworkInterface,
  internetFacing: ReadonlySet<string> = new Set(),
): boolean {
  const balancer = loadBalancerOf(eni);
  return balancer !== undefined && (eni.publicIp || internetFacing.has(balancer));
}

/** Whether the interface is a load balancer's node without a public IPv4 (internal, or IPv6-only). */
export const isPrivateLoadBalancerNode = (eni: NetworkInterface) =>
  loadBalancerOf(eni) !== undefined && !eni.publicIp;
