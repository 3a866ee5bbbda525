import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import type { ScopePorts } from '../../scope/ports';
import { errorFinding } from '../kit/finding';
import { settle } from '../kit/outcome';
import { diskSpaceFinding } from './finding';

/** The tag EC2 Auto Scaling puts on every instance it launches: the group's name. */
export const GROUP_NAME_TAG = 'aws:autoscaling:groupName';

/** Tagging queries at once, one per group. */
export const GROUP_QUERY_CONCURRENCY = 2;

/** The group's name, from `…:autoScalingGroup:<id>:autoScalingGroupName/<name>`. */
export const groupNameOf = (arn: string): string | undefined => /:autoScalingGroupName\/(.+)$/.exec(arn)?.[1];

/**
 * The instances of the Auto Scaling groups the service's scope names (tags, listed ARNs): one
 * tagging query per group for the `aws:autoscaling:groupName` tag EC2 Auto Scaling puts on every
 * instance it launches. Each group is kept as judged (evidence); a query that failed is an ERROR
 * naming the call, for that group. The whole account (no groups enumerated): none.
 */
export async function groupInstances(
  ports: Pick<ScopePorts, 'resourcesWithTags'>,
  scope: CheckScope,
): Promise<{ readonly instanceArns: readonly string[]; readonly errors: readonly Finding[] }> {
  const groups = scope.select(
    (scope.known('autoscaling:autoScalingGroup') ?? []).flatMap((arn) => {
      const name = groupNameOf(arn);
      return name === undefined ? [] : [{ arn, name }];
    }),
    (group) => ({ arn: group.arn, names: [group.name] }),
  );
  const read = await mapWithConcurrency(groups, GROUP_QUERY_CONCURRENCY, async (group) => ({
    group,
    instances: await settle(() =>
      ports.resourcesWithTags({ [GROUP_NAME_TAG]: group.name }, ['ec2:instance']),
    ),
  }));
  return {
    instanceArns: [...new Set(read.flatMap((r) => (r.instances.ok ? r.instances.value : [])))],
    errors: read.flatMap((r) =>
      r.instances.ok
        ? []
        : [
            errorFinding(diskSpaceFinding, 'host-agent', r.group.arn, r.instances.error, {
              group: r.group.name,
            }),
          ],
    ),
  };
}
