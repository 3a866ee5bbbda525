import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { observabilityCatalogue } from './catalogue';
import { judgeRecentEvents } from './rules/log-delivery/recent-events';
import { judgeRetention } from './rules/log-delivery/retention';
import { judgeDatapoints } from './rules/metrics-collection/datapoints';

/** Log groups whose activity is read at once: DescribeLogStreams has a low account-wide rate. */
export const LOG_ACTIVITY_CONCURRENCY = 4;
/** Key metrics listed at once. */
export const METRIC_CONCURRENCY = 4;

/** The checks of "Application logs streaming correctly" and "Metrics collection operational". */
export const observabilityChecks: FamilyDefinitions<typeof observabilityCatalogue> = {
  'log-delivery': {
    ...observabilityCatalogue['log-delivery'],
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const ports = account.observability;
      const groups = scope.select(await ports.listLogGroups(), (group) => ({
        arn: group.arn,
        names: [group.name],
      }));
      const perGroup = await mapWithConcurrency(groups, LOG_ACTIVITY_CONCURRENCY, async (group) => {
        const activity = await settle(() => ports.logActivity(group.name));
        return [
          judgeRecentEvents(group, activity, settings.maxSilenceMinutes, now),
          judgeRetention(group, settings.missingRetention),
        ];
      });
      return perGroup.flat();
    },
  },
  'metrics-collection': {
    ...observabilityCatalogue['metrics-collection'],
    async run(account, settings) {
      return mapWithConcurrency(
        settings.metrics,
        METRIC_CONCURRENCY,
        async (metric): Promise<Finding> =>
          judgeDatapoints(metric, await settle(() => account.observability.countRecentlyActive(metric))),
      );
    },
  },
};
