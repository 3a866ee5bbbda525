import {
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  ListenerRule,
  LoadBalancer,
  TargetGroup,
  TargetState,
} from '../../core/checks/load-balancing/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_TARGET_GROUPS = 'elasticloadbalancing:DescribeTargetGroups';
const DESCRIBE_TARGET_HEALTH = 'elasticloadbalancing:DescribeTargetHealth';

/** DescribeTargetGroups' largest page. */
export const TARGET_GROUPS_PAGE_SIZE = 400;

/** A target group as the check reads it; a missing name or ARN is a malformed answer. */
export function toTargetGroup(group: SdkTargetGroup): TargetGroup {
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    name: required(DESCRIBE_TARGET_GROUPS, 'TargetGroups[].TargetGroupName', group.TargetGroupName),
    arn: required(DESCRIBE_TARGET_GROUPS, 'TargetGroups[].TargetGroupArn', group.TargetGroupArn),
    loadBalancerArns: group.LoadBalancerArns ?? [],
    // Absent is read as off: a check never passes on a setting the answer did not give.
    healthCheckEnabled: group.HealthCheckEnabled === true,
    ...optional('targetType', group.TargetType),
    ...optional('healthCheckProtocol', group.HealthCheckProtocol),
    ...optional('healthCheckPath', group.HealthCheckPath),
    ...optional('intervalSeconds', group.HealthCheckIntervalSeconds),
    ...optional('timeoutSeconds', group.HealthCheckTimeoutSeconds),
    ...optional('healthyThreshold', group.HealthyThresholdCount),
    ...optional('unhealthyThreshold', group.UnhealthyThresholdCount),
  };
}

/** Every target group of the region, 400 to a page. */
export async function listTargetGroups(client: ElasticLoadBalancingV2Client): Promise<TargetGroup[]> {
  const groups = await collectPages(
    DESCRIBE_TARGET_GROUPS,
    // This paginator takes no pageSize: the page size goes in the input.
    paginateDescribeTargetGroups({ client }, { PageSize: TARGET_GROUPS_PAGE_SIZE }),
    (page) => page.TargetGroups,
  );
  return readEach(
    DESCRIBE_TARGET_GROUPS,
    groups,
    (group) => ({ arn: group.TargetGroupArn, names: [group.TargetGroupName] }),
    toTargetGroup,
  );
}

/** The health of every target of one group: one call (DescribeTargetHealth answers in one page). */
export async function targetHealth(
  client: ElasticLoadBalancingV2Client,
  targetGroupArn: string,
): Promise<TargetState[]> {
  const answer = await callAws(DESCRIBE_TARGET_HEALTH, () =>
    client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
  );
  return (answer.TargetHealthDescriptions ?? []).map((d) => {
    const id = required(DESCRIBE_TARGET_HEALTH, 'TargetHealthDescriptions[].Target.Id', d.Target?.Id);
    const state = required(
      DESCRIBE_TARGET_HEALTH,
      'TargetHealthDescriptions[].TargetHealth.State',
      d.TargetHealth?.State,
    );
    return {
      target: d.Target?.Port === undefined ? id : `${id}:${d.Target.Port}`,
      state,
      ...(d.TargetHealth?.Reason === undefined ? {} : { reason: d.TargetHealth.Reason }),
      ...(d.TargetHealth?.Description === undefined ? {} : { description: d.TargetHealth.Description }),
    };
  });
}

const DESCRIBE_LOAD_BALANCERS = 'elasticloadbalancing:DescribeLoadBalancers';

/** Every load balancer of the region, 400 to a page (the paginator takes no page size: it goes in the input). */
export async function listLoadBalancers(client: ElasticLoadBalancingV2Client): Promise<LoadBalancer[]> {
  const balancers = await collectPages(
    DESCRIBE_LOAD_BALANCERS,
    paginateDescribeLoadBalancers({ client }, { PageSize: TARGET_GROUPS_PAGE_SIZE }),
    (page) => page.LoadBalancers,
  );
  return readEach(
    DESCRIBE_LOAD_BALANCERS,
    balancers,
    (lb) => ({ arn: lb.LoadBalancerArn, names: [lb.LoadBalancerName] }),
    (lb) => ({
      name: required(DESCRIBE_LOAD_BALANCERS, 'LoadBalancers[].LoadBalancerName', lb.LoadBalancerName),
      arn: required(DESCRIBE_LOAD_BALANCERS, 'LoadBalancers[].LoadBalancerArn', lb.LoadBalancerArn),
      ...(lb.Type === undefined ? {} : { type: lb.Type }),
      ...(lb.Scheme === undefined ? {} : { scheme: lb.Scheme }),
      ...(lb.DNSName === undefined ? {} : { dnsName: lb.DNSName }),
      ...(lb.SecurityGroups === undefined ? {} : { securityGroups: lb.SecurityGroups }),
    }),
  );
}

const DESCRIBE_LISTENERS = 'elasticloadbalancing:DescribeListeners';
const DESCRIBE_RULES = 'elasticloadbalancing:DescribeRules';
/** Action types that let a request through to a target. */
const FORWARDING = new Set(['forward', 'authenticate-oidc', 'authenticate-cognito']);

/** Every rule of every listener of one load balancer (DescribeListeners, then DescribeRules per listener). */
export async function listenerRules(
  client: ElasticLoadBalancingV2Client,
  loadBalancerArn: string,
): Promise<ListenerRule[]> {
  const listeners = await collectPages(
    DESCRIBE_LISTENERS,
    paginateDescribeListeners({ client, pageSize: 400 }, { LoadBalancerArn: loadBalancerArn }),
    (page) => page.Listeners,
  );
  const rules: ListenerRule[] = [];
  for (const listener of listeners) {
    const listenerArn = required(DESCRIBE_LISTENERS, 'Listeners[].ListenerArn', listener.ListenerArn);
    const listed = await collectPages(
      DESCRIBE_RULES,
      paginateDescribeRules({ client, pageSize: 400 }, { ListenerArn: listenerArn }),
      (page) => page.Rules,
    );
    for (const rule of listed) {
      rules.push({
        listenerArn,
        isDefault: rule.IsDefault === true,
        forwards: (rule.Actions ?? []).some((a) => a.Type !== undefined && FORWARDING.has(a.Type)),
        headerConditions: (rule.Conditions ?? []).flatMap((c) =>
          c.Field === 'http-header' && c.HttpHeaderConfig?.HttpHeaderName !== undefined
            ? [{ name: c.HttpHeaderConfig.HttpHeaderName, values: c.HttpHeaderConfig.Values ?? [] }]
            : [],
        ),
      });
    }
  }
  return rules;
}
