import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import type { FamilyDefinitions } from '../types';
import { alarmCatalogue } from './catalogue';
import { evaluateAlarms } from './evaluate';
import { alarmTopics, lookUpTopics } from './lookup-topics';
import { relevantAlarms } from './relevant';

/**
 * The `alarms` check: required alarms exist and notify; every alarm has working actions, is not
 * firing or stuck without data, and does not treat missing data as healthy.
 */
export const alarmChecks: FamilyDefinitions<typeof alarmCatalogue> = {
  alarms: {
    ...alarmCatalogue.alarms,
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const alarms = await account.alarms.listAlarms();
      const judged = scope.select(alarms, (alarm) => ({ arn: alarm.arn, names: [alarm.name] }));
      // With nothing to judge and nothing required, the check has no scope (the runner says so).
      if (judged.length === 0 && settings.requiredAlarms.length === 0) return [];
      const relevant = relevantAlarms(alarms, judged, settings.requiredAlarms);
      const topics = await lookUpTopics(account.alarms, alarmTopics(relevant));
      return evaluateAlarms(alarms, topics, settings, now, judged);
    },
  },
};
