import type { CheckDefinition } from '../types';
import { evaluateAlarms } from './evaluate';
import { alarmTopics, lookUpTopics } from './lookup-topics';

/**
 * The `alarms` check: required alarms exist and notify; every alarm has working actions, is not
 * firing or stuck without data, and does not treat missing data as healthy.
 */
export const alarmChecks: { readonly alarms: CheckDefinition<'alarms'> } = {
  alarms: {
    id: 'alarms',
    title: 'Alarms exist, notify someone and are not stuck',
    permissions: ['cloudwatch:DescribeAlarms', 'sns:ListSubscriptionsByTopic'],
    async run(account, settings, now) {
      const alarms = await account.alarms.listAlarms();
      // With nothing to judge and nothing required, the check has no scope (the runner says SKIPPED).
      if (alarms.length === 0 && settings.requiredAlarms.length === 0) return [];
      const topics = await lookUpTopics(account.alarms, alarmTopics(alarms));
      return evaluateAlarms(alarms, topics, settings, now);
    },
  },
};
