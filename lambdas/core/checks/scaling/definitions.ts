import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import type { ArnLocation } from '../../scope/stack-resources';
import { errorFinding } from '../kit/finding';
import type { Outcome } from '../kit/outcome';
import { mapOutcome, settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { scalingCatalogue } from './catalogue';
import { scalingFinding } from './finding';
import { SCALING_NAMESPACES, type ScalingNamespace } from './ports';
import { judgeHeadroom } from './rules/auto-scaling-policies/headroom';
import { judgeMinimumCapacity } from './rules/auto-scaling-policies/minimum-capacity';
import { judgePolicies } from './rules/auto-scaling-policies/policies';
import {
  fromAutoScalingGroup,
  fromScalableTarget,
  identityOfTarget,
  type PolicySummary,
  policiesOfGroup,
  policiesOfTarget,
  type Scalable,
} from './scalables';

type Settings = CheckSettings['auto-scaling-policies'];

function judge(
  scalable: Scalable,
  policies: Outcome<readonly PolicySummary[]>,
  settings: Settings,
): Finding[] {
  const minimum = judgeMinimumCapacity(scalable, settings);
  return [
    judgePolicies(scalable, policies),
    ...(minimum === undefined ? [] : [minimum]),
    judgeHeadroom(scalable, settings),
  ];
}

/** The check of "Auto-scaling policies reviewed". */
export const scalingChecks: FamilyDefinitions<typeof scalingCatalogue> = {
  'auto-scaling-policies': {
    ...scalingCatalogue['auto-scaling-policies'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const ports = account.scaling;
      // ARNs are built only to place targets in a service's scope, and only once a target is listed:
      // the whole account, or a region without targets, needs no caller identity.
      let located: Promise<ArnLocation | undefined> | undefined;
      const locate = () => {
        located ??= scope.service === undefined ? Promise.resolve(undefined) : account.scope.location();
        return located;
      };

      const perNamespace = async (namespace: ScalingNamespace): Promise<Finding[]> => {
        const listed = await settle(() => ports.listScalableTargets(namespace));
        if (!listed.ok) {
          return [
            errorFinding(scalingFinding, 'policies', `application-autoscaling:${namespace}`, listed.error, {
              namespace,
            }),
          ];
        }
        if (listed.value.length === 0) return [];
        const location = await locate();
        const targets = scope.select(listed.value, (t) => identityOfTarget(t, location));
        // Policies are listed once per namespace, and only when a target of it is judged.
        if (targets.length === 0) return [];
        const policies = await settle(() => ports.listScalingPolicies(namespace));
        return targets.flatMap((target) =>
          judge(
            fromScalableTarget(target),
            mapOutcome(policies, (all) => policiesOfTarget(target, all)),
            settings,
          ),
        );
      };

      const groupFindings = async (): Promise<Finding[]> => {
        const listed = await settle(() => ports.listAutoScalingGroups());
        if (!listed.ok) return [errorFinding(scalingFinding, 'policies', 'autoscaling:*', listed.error)];
        const groups = scope.select(listed.value, (g) => ({ arn: g.arn, names: [g.name] }));
        if (groups.length === 0) return [];
        const policies = await settle(() => ports.listGroupPolicies());
        return groups.flatMap((group) =>
          judge(
            fromAutoScalingGroup(group),
            mapOutcome(policies, (all) => policiesOfGroup(group, all)),
            settings,
          ),
        );
      };

      const results = await Promise.all([...SCALING_NAMESPACES.map(perNamespace), groupFindings()]);
      return results.flat();
    },
  },
};
