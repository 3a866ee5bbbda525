import { mapWithConcurrency } from '../../concurrency';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { loadBalancingCatalogue } from './catalogue';
import { judgeHealthCheck } from './rules/load-balancer-health-checks/health-check';
import { judgeTargetHealth } from './rules/load-balancer-health-checks/target-health';

/** Target groups whose health is read at once (ELBv2's describe calls share one account rate). */
export const TARGET_HEALTH_CONCURRENCY = 4;

/** The check of "Load balancer health checks configured". */
export const loadBalancingChecks: FamilyDefinitions<typeof loadBalancingCatalogue> = {
  'load-balancer-health-checks': {
    ...loadBalancingCatalogue['load-balancer-health-checks'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const ports = account.loadBalancing;
      const groups = scope.select(await ports.listTargetGroups(), (group) => ({
        arn: group.arn,
        names: [group.name],
      }));
      const perGroup = await mapWithConcurrency(groups, TARGET_HEALTH_CONCURRENCY, async (group) => [
        judgeHealthCheck(group, settings),
        judgeTargetHealth(group, await settle(() => ports.targetHealth(group.arn))),
      ]);
      return perGroup.flat();
    },
  },
};
